package dev.cairn.timeline.internal;

import dev.cairn.timeline.LiveEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cross-node bus: {@code pg_notify} inside the writing transaction (PostgreSQL delivers it only
 * if and when that transaction commits) and one listening connection per node that forwards
 * every notification, including this node's own, to the local rooms. When the listening
 * connection breaks it reconnects with backoff, and open rooms are told to refresh, since
 * notifications sent meanwhile are lost to this node.
 */
class PostgresLiveBus implements LiveBus {

    static final String CHANNEL = "cairn_live";
    private static final Logger log = LoggerFactory.getLogger(PostgresLiveBus.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final LiveRooms rooms;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread listener;

    PostgresLiveBus(JdbcClient jdbc, DataSource dataSource, LiveRooms rooms) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.rooms = rooms;
        this.listener = Thread.ofPlatform().daemon().name("cairn-live-listener").unstarted(this::listen);
    }

    void start() {
        listener.start();
    }

    void stop() {
        running.set(false);
        listener.interrupt();
    }

    @Override
    public void publish(LiveEvent event) {
        jdbc.sql("select pg_notify(?, ?)")
                .params(CHANNEL, event.encode())
                .query((rs, n) -> 1)
                .list();
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        boolean hadConnection = false;
        while (running.get()) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (hadConnection) {
                    rooms.refreshAll();
                }
                hadConnection = true;
                backoff = Duration.ofMillis(200);
                log.info("event=live_listener_connected channel={}", CHANNEL);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        try {
                            rooms.deliver(LiveEvent.decode(notification.getParameter()));
                        } catch (RuntimeException e) {
                            log.warn("event=live_delivery_failed payload={}", notification.getParameter(), e);
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running.get()) {
                    return;
                }
                log.warn("event=live_listener_lost reason={} retry_in_ms={}", e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }
}
