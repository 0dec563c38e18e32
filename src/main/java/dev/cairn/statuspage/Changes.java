package dev.cairn.statuspage;

import dev.cairn.statuspage.internal.StatusStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A change to what the public page shows: bumps the version in the changing transaction (other
 * nodes see it within a second) and, after commit, tells this node's snapshot to rebuild at once,
 * so the writer's next look at {@code /status} shows the change.
 */
@Component
public class Changes {

    private final StatusStore store;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    Changes(StatusStore store) {
        this.store = store;
    }

    /** The snapshot registers here. */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    void changed() {
        store.bump();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (TransactionSynchronizationManager.hasResource(this)) {
                return;
            }
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listeners.forEach(Runnable::run);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Changes.this);
                }
            });
        } else {
            listeners.forEach(Runnable::run);
        }
    }
}
