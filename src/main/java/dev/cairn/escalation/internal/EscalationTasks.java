package dev.cairn.escalation.internal;

import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.escalation.Paging;
import dev.cairn.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The escalation step as a db-scheduler task. Its instance id is {@code <page>:<version>}; if the
 * step fails (say the database blinked), it is retried, never dropped; if its node dies, another
 * node revives it and the version fence keeps it from firing twice.
 */
@Configuration(proxyBeanMethods = false)
class EscalationTasks {

    @Bean
    OneTimeTask<Void> escalationStepTask(ObjectProvider<Paging> paging) {
        return Tasks.oneTime(Paging.STEP_TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(1)))
                // Before notification sends: a slow mail server must not hold back the next step.
                .defaultPriority(Priority.HIGH)
                .execute((instance, context) -> {
                    String[] parts = instance.getId().split(":");
                    paging.getObject().fire(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                });
    }
}
