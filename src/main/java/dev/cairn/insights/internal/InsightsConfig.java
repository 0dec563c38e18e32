package dev.cairn.insights.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.cairn.insights.Bands;
import dev.cairn.insights.InsightsRefresh;
import dev.cairn.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The time-of-day bands from {@code cairn.insights.bands.*}, and the two durable jobs: the
 * incremental refresh (every {@code cairn.insights.refresh-interval}, default one minute) and a
 * full rebuild requested by an admin or a benchmark.
 */
@Configuration(proxyBeanMethods = false)
class InsightsConfig {

    @Bean
    Bands insightsBands(
            @Value("${cairn.insights.bands.work-start:08:00}") LocalTime work,
            @Value("${cairn.insights.bands.evening-start:19:00}") LocalTime evening,
            @Value("${cairn.insights.bands.sleep-start:23:00}") LocalTime sleep) {
        return new Bands(work, evening, sleep);
    }

    @Bean
    RecurringTask<Void> insightsRefreshTask(
            ObjectProvider<InsightsRefresh> refresh,
            @Value("${cairn.insights.refresh-interval:PT1M}") Duration interval) {
        return Tasks.recurring(InsightsRefresh.REFRESH_TASK, FixedDelay.of(interval))
                .execute((instance, context) -> refresh.getObject().refresh());
    }

    @Bean
    OneTimeTask<Void> insightsRebuildTask(ObjectProvider<InsightsRefresh> refresh) {
        return Tasks.oneTime(InsightsRefresh.REBUILD_TASK)
                .onFailure(Jobs.retryForever(Duration.ofMinutes(5)))
                .execute((instance, context) -> refresh.getObject().rebuildAll());
    }

    /** Starts the recurring refresh once per database (db-scheduler keeps one instance). */
    @Bean
    Starter insightsRefreshStarter(SchedulerClient client, RecurringTask<Void> insightsRefreshTask, Clock clock) {
        return new Starter(client, insightsRefreshTask, clock);
    }

    record Starter(SchedulerClient client, RecurringTask<Void> task, Clock clock) {
        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            client.scheduleIfNotExists(task.instance(RecurringTask.INSTANCE), clock.instant());
        }
    }
}
