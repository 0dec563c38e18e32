package dev.cairn.slack.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.slack.SlackCommands;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A slash command's change, done after Slack got its answer; retried, never dropped. */
@Configuration(proxyBeanMethods = false)
class SlackTasks {

    @Bean
    OneTimeTask<Void> slackCommandTask(ObjectProvider<SlackCommands> commands) {
        return Tasks.oneTime(SlackCommands.COMMAND_TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(1)))
                .execute((instance, context) -> commands.getObject().perform(Long.parseLong(instance.getId())));
    }
}
