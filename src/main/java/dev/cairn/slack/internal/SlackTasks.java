package dev.cairn.slack.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.slack.SlackCommands;
import dev.cairn.slack.SlackRooms;
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

    /** Edits an incident channel's card and checklist; the id is {@code <incident>:<due millis>}. */
    @Bean
    OneTimeTask<Void> slackRoomRefreshTask(ObjectProvider<SlackRooms> rooms) {
        return Tasks.oneTime(SlackRooms.REFRESH_TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(1)))
                .execute((instance, context) -> rooms.getObject()
                        .refresh(Long.parseLong(
                                instance.getId().substring(0, instance.getId().indexOf(':')))));
    }
}
