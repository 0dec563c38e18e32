package dev.cairn.shared.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules durable work. Called inside a transaction, the work exists only if that transaction
 * commits; work due now is picked up right after the commit rather than at the next poll, so a
 * page does not wait a polling interval for its first e-mail.
 */
@Component
public class Jobs {

    private final SchedulerClient client;
    private final JobsConfig.Runner runner;
    private final Clock clock;

    Jobs(SchedulerClient client, JobsConfig.Runner runner, Clock clock) {
        this.client = client;
        this.runner = runner;
        this.clock = clock;
    }

    public <T> void schedule(TaskInstance<T> instance, Instant at) {
        client.schedule(instance, at);
        if (!at.isAfter(clock.instant())) {
            wakeAfterCommit();
        }
    }

    /**
     * Schedules unless that instance exists already (scheduled or running): work keyed by what it
     * is for (an item, a singleton poller) is never queued twice. Returns whether it was scheduled.
     */
    public <T> boolean scheduleIfAbsent(TaskInstance<T> instance, Instant at) {
        boolean scheduled = client.scheduleIfNotExists(instance, at);
        if (scheduled && !at.isAfter(clock.instant())) {
            wakeAfterCommit();
        }
        return scheduled;
    }

    /** Looks for due work now (after the current transaction commits, if there is one). */
    public void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.wake();
                }
            });
        } else {
            runner.wake();
        }
    }

    /**
     * Retries a failed execution (e.g. the database was unreachable) after 5 s, 10 s, 20 s … at
     * most {@code max} apart, forever: work that must happen is never dropped after N failures.
     */
    public static <T> FailureHandler<T> retryForever(Duration max) {
        return (complete, operations) -> {
            int failures = Math.min(complete.getExecution().consecutiveFailures, 20);
            long millis = Math.min(max.toMillis(), 5_000L << Math.min(failures, 16));
            operations.reschedule(complete, complete.getTimeDone().plusMillis(millis));
        };
    }

    /** Tests and benchmarks: run what is due now, e.g. after moving the clock. */
    public void runDue() {
        runner.wake();
    }
}
