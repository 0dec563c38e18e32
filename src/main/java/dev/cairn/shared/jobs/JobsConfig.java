package dev.cairn.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler, wired by hand (its Boot starter does nothing on Boot 4): every {@link Task} bean of
 * every module runs on one persistent, cluster-safe scheduler on Cairn's own database. The
 * datasource is transaction-aware, so a task scheduled inside a module's transaction exists
 * exactly when that transaction commits. Heartbeats are short so that when a node dies, another
 * node takes over its picked executions within seconds, not the library's default half hour.
 *
 * <p>Scheduling goes through a {@link SchedulerClient}; the executing {@link Scheduler} is built
 * afresh each time the context starts, because a stopped db-scheduler cannot start again and a
 * context may be stopped and restarted (the test framework pauses cached contexts).
 */
@Configuration(proxyBeanMethods = false)
class JobsConfig {

    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .enablePriority()
                .build();
    }

    @Bean
    Runner jobRunner(
            DataSource dataSource,
            List<Task<?>> tasks,
            Clock clock,
            @Value("${cairn.jobs.polling-interval:PT1S}") Duration polling,
            @Value("${cairn.jobs.heartbeat-interval:PT2S}") Duration heartbeat,
            @Value("${cairn.jobs.threads:16}") int threads,
            @Value("${cairn.node-name:}") String nodeName) {
        String name = nodeName.isBlank() ? defaultNodeName() : nodeName;
        return new Runner(() -> Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .clock(clock::instant)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(polling)
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(5)
                .threads(threads)
                .enableImmediateExecution()
                // Due escalation steps go before due notification sends (task priorities).
                .enablePriority()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build());
    }

    /** Runs due work on this node while the application runs. */
    static final class Runner implements SmartLifecycle {

        private final Supplier<Scheduler> factory;
        private volatile Scheduler running;

        Runner(Supplier<Scheduler> factory) {
            this.factory = factory;
        }

        @Override
        public synchronized void start() {
            if (running == null) {
                Scheduler scheduler = factory.get();
                scheduler.start();
                running = scheduler;
            }
        }

        @Override
        public synchronized void stop() {
            if (running != null) {
                running.stop();
                running = null;
            }
        }

        @Override
        public boolean isRunning() {
            return running != null;
        }

        @Override
        public int getPhase() {
            // Start after the web server and the database are up, stop before them.
            return Integer.MAX_VALUE - 100;
        }

        /** Looks for due work now; nothing when this node is not running jobs. */
        void wake() {
            Scheduler scheduler = running;
            if (scheduler != null) {
                scheduler.triggerCheckForDueExecutions();
            }
        }
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
        String name = host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 6);
        return name.length() > 50 ? name.substring(name.length() - 50) : name;
    }
}
