package dev.cairn.action.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The tracker jobs on db-scheduler: one creation task per item (instance id = the item's id) that
 * reschedules itself until the issue is linked or the failure is final, and one poller (instance
 * {@code all}) that reschedules itself every poll interval, on whichever node is free.
 */
@Configuration(proxyBeanMethods = false)
class ActionTasks {

    private final ObjectProvider<Jobs> jobs;
    private final Clock clock;

    ActionTasks(ObjectProvider<Jobs> jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Bean
    Task<Void> actionTrackerCreateTask(ObjectProvider<TrackerSync> sync) {
        return Tasks.custom(TrackerSync.CREATE_TASK, Void.class)
                // A node that dies mid-call: another node runs it again, and finds the issue by its marker.
                .onDeadExecutionRevive()
                // Only when Cairn itself failed (e.g. its database): tracker failures are handled by the worker.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    Optional<Instant> next = sync.getObject().create(Long.parseLong(instance.getId()));
                    if (next.isEmpty()) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    Instant at = next.get();
                    return (complete, operations) -> operations.reschedule(complete, at);
                });
    }

    @Bean
    Task<Void> actionTrackerPollTask(
            ObjectProvider<TrackerSync> sync, @Value("${cairn.trackers.poll-interval:PT5M}") Duration interval) {
        return Tasks.custom(TrackerSync.POLL_TASK, Void.class)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(interval))
                .execute((instance, context) -> {
                    sync.getObject().poll();
                    Instant at = clock.instant().plus(interval);
                    return (complete, operations) -> operations.reschedule(complete, at);
                });
    }

    /** The poller exists once per database, whichever node starts first. */
    @EventListener(ApplicationReadyEvent.class)
    void startPoller() {
        OneTimeTask<Void> poll = Tasks.oneTime(TrackerSync.POLL_TASK).execute((i, c) -> {});
        jobs.getObject().scheduleIfAbsent(poll.instance("all"), clock.instant().plusSeconds(60));
    }
}
