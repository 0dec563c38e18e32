package dev.cairn.notification.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that runs the outbox; JobsConfig registers every task bean. */
@Configuration(proxyBeanMethods = false)
class OutboxTaskConfig {

    @Bean
    Task<Void> notificationDeliveryTask(DeliveryWorker worker) {
        return Tasks.custom(Outbox.TASK_NAME, Void.class)
                // After due escalation steps (which are HIGH).
                .defaultPriority(Priority.MEDIUM)
                // A node that dies mid-delivery: another node runs the execution again.
                .onDeadExecutionRevive()
                // Only when Cairn itself failed (e.g. its database): the worker reports send failures.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    Optional<Instant> next =
                            worker.run(Long.parseLong(instance.getId()), context.getExecution().pickedBy);
                    if (next.isEmpty()) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    Instant at = next.get();
                    return (complete, operations) -> operations.reschedule(complete, at);
                });
    }
}
