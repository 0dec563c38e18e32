package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Slack tests share one context: Slack configured against the JVM's fake Web API. */
@org.springframework.context.annotation.Import(SlackTest.SlackDatabase.class)
abstract class SlackTest extends IntegrationTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private static java.util.Map<String, String> database;

    /**
     * A database of their own: other test contexts share the suite's database and poll its jobs
     * with their own clocks and no Slack settings, and would take (and fail) Slack calls that wait
     * in their rate lanes here.
     */
    private static synchronized java.util.Map<String, String> database() {
        if (database == null) {
            database = dev.cairn.support.TestDatabase.postgresSelected()
                    ? dev.cairn.support.TestDatabase.freshPostgres("slack")
                    : dev.cairn.support.TestDatabase.h2("cairn-slack-" + UUID.randomUUID());
        }
        return database;
    }

    /** The Slack context's own database (Boot's DataSource backs off when one is defined). */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class SlackDatabase {

        @org.springframework.context.annotation.Bean
        javax.sql.DataSource dataSource() {
            java.util.Map<String, String> db = database();
            com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
            ds.setJdbcUrl(db.get("spring.datasource.url"));
            ds.setUsername(db.get("spring.datasource.username"));
            ds.setPassword(db.get("spring.datasource.password"));
            ds.setMaximumPoolSize(10);
            return ds;
        }
    }

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("cairn.slack.signing-secret", () -> SECRET);
        registry.add("cairn.slack.bot-token", () -> "xoxb-test-token");
        registry.add("cairn.slack.api-url", () -> FakeSlack.get().url());
    }

    @Autowired
    protected Jobs jobs;

    @Autowired
    protected Notifications notifications;

    static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** A new incident by {@code who}, linked to a new Slack channel; answers the channel id. */
    String incidentWithChannel(Person who, String title) {
        long incident = incident(who, title, "SEV2");
        String channel = "C" + id();
        assertThat(who.api()
                        .put("/api/v1/incidents/" + incident + "/slack-channel", "{\"channelId\":\"" + channel + "\"}")
                        .status())
                .isEqualTo(200);
        return incident + ":" + channel;
    }

    long incident(Person who, String title, String severity) {
        return who.api()
                .post("/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\"}")
                .json()
                .get("id")
                .asLong();
    }

    List<DeliveryView> slackDeliveries(long incident) {
        return notifications.deliveries("slack:incident:" + incident);
    }

    Person responder() {
        return person(Role.RESPONDER);
    }
}
