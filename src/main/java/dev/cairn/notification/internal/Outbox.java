package dev.cairn.notification.internal;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.shared.jobs.Jobs;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The outbox on db-scheduler: one execution per delivery, its instance id the delivery id,
 * scheduled in the transaction that plans the delivery. A retry moves the same execution later.
 */
@Component
public class Outbox {

    public static final String TASK_NAME = "notification-delivery";

    private final Jobs jobs;

    Outbox(Jobs jobs) {
        this.jobs = jobs;
    }

    public void schedule(long deliveryId, Instant at) {
        jobs.schedule(new TaskInstance<Void>(TASK_NAME, String.valueOf(deliveryId)), at);
    }
}
