package dev.cairn.comms.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.comms.UpdateCadence;
import dev.cairn.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The update reminder as a db-scheduler task, instance id {@code <incident>:<version>}, fenced by the version. */
@Configuration(proxyBeanMethods = false)
class CommsTasks {

    @Bean
    OneTimeTask<Void> updateReminderTask(ObjectProvider<UpdateCadence> cadence) {
        return Tasks.oneTime(UpdateCadence.TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    String[] parts = instance.getId().split(":");
                    cadence.getObject().fire(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                });
    }
}
