package dev.cairn.review.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.review.InterviewReminders;
import dev.cairn.review.SurveyReminders;
import dev.cairn.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The review reminders as db-scheduler tasks: a survey reminder per invitation, instance id
 * {@code <incident>:<user>}, and an interview reminder per planned time, {@code <interview>:<epoch
 * second>}. A failed one is retried, never dropped; a revived one is stopped by its fence column.
 */
@Configuration(proxyBeanMethods = false)
class ReviewTasks {

    @Bean
    OneTimeTask<Void> surveyReminderTask(ObjectProvider<SurveyReminders> reminders) {
        return Tasks.oneTime(SurveyReminders.TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    String[] parts = instance.getId().split(":");
                    reminders.getObject().remind(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                });
    }

    @Bean
    OneTimeTask<Void> interviewReminderTask(ObjectProvider<InterviewReminders> reminders) {
        return Tasks.oneTime(InterviewReminders.TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(1)))
                .execute((instance, context) -> reminders
                        .getObject()
                        .remind(Long.parseLong(instance.getId().split(":")[0])));
    }
}
