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
abstract class SlackTest extends IntegrationTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

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
