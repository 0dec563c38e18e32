package dev.cairn.timeline.internal;

import dev.cairn.timeline.LiveEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The single-process bus (H2): hands events to this node's rooms after commit. */
class LocalLiveBus implements LiveBus {

    private final LiveRooms rooms;

    LocalLiveBus(LiveRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void publish(LiveEvent event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    rooms.deliver(event);
                }
            });
        } else {
            rooms.deliver(event);
        }
    }
}
