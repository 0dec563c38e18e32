package dev.cairn.guidance.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.guidance.Nudges;
import dev.cairn.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The drift check as a db-scheduler task, instance id {@code <incident>:<version>}. A failed check is
 * retried, never dropped; a revived one is stopped by the version fence.
 */
@Configuration(proxyBeanMethods = false)
class GuidanceTasks {

    @Bean
    OneTimeTask<Void> guidanceCheckTask(ObjectProvider<Nudges> nudges) {
        return Tasks.oneTime(Nudges.CHECK_TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    String[] parts = instance.getId().split(":");
                    nudges.getObject().check(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                });
    }
}
