package dev.cairn.timeline.internal;

import dev.cairn.shared.DatabaseDialect;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class LiveConfig {

    @Bean(initMethod = "start", destroyMethod = "stop")
    PostgresLiveBusLifecycle liveBusLifecycle(
            DatabaseDialect dialect, JdbcClient jdbc, DataSource dataSource, LiveRooms rooms) {
        return new PostgresLiveBusLifecycle(
                dialect.postgres() ? new PostgresLiveBus(jdbc, dataSource, rooms) : null, new LocalLiveBus(rooms));
    }

    @Bean
    LiveBus liveBus(PostgresLiveBusLifecycle lifecycle) {
        return lifecycle.bus();
    }

    /** Chooses the bus for the database and starts/stops the PostgreSQL listener with the app. */
    record PostgresLiveBusLifecycle(PostgresLiveBus postgres, LocalLiveBus local) {
        LiveBus bus() {
            return postgres != null ? postgres : local;
        }

        void start() {
            if (postgres != null) {
                postgres.start();
            }
        }

        void stop() {
            if (postgres != null) {
                postgres.stop();
            }
        }
    }
}
