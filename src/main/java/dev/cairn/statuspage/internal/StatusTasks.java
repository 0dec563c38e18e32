package dev.cairn.statuspage.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.statuspage.StatusPublishing;
import dev.cairn.statuspage.StatusSubscriptions;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * E-mailing a public update to subscribers, as a durable task whose instance id is the update id:
 * retried if it fails, revived on another node if this one dies, and fenced by the update's
 * notified mark so nobody gets it twice.
 */
@Configuration(proxyBeanMethods = false)
class StatusTasks {

    @Bean
    OneTimeTask<Void> statusPageNotifyTask(ObjectProvider<StatusSubscriptions> subscriptions) {
        return Tasks.oneTime(StatusPublishing.NOTIFY_TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(5)))
                .execute((instance, context) ->
                        subscriptions.getObject().notifyUpdate(Long.parseLong(instance.getId())));
    }
}
