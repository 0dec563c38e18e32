package dev.cairn.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What the notification tests share: settings through the API, notices, waiting for the outbox. */
abstract class NotificationTestSupport extends IntegrationTest {

    @Autowired
    protected Notifications notifications;

    @Autowired
    protected Jobs jobs;

    /** A webhook as created: its id and its signing secret. */
    record Hook(long id, String secret) {}

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String address(String who) {
        return unique(who) + "@mail.cairn.test";
    }

    protected static long email(Person person, String name, String address) {
        Api.Response created = person.api()
                .post(
                        "/api/v1/users/me/contact-methods",
                        "{\"name\":\"" + name + "\",\"channel\":\"email\",\"address\":\"" + address + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    protected static Hook webhook(Person person, String name, String url) {
        Api.Response created = person.api()
                .post(
                        "/api/v1/users/me/contact-methods",
                        "{\"name\":\"" + name + "\",\"channel\":\"webhook\",\"address\":\"" + url + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        return new Hook(body.get("id").asLong(), body.get("secret").asString());
    }

    protected static void rule(Person person, long methodId, int delayMinutes) {
        Api.Response created = person.api()
                .post(
                        "/api/v1/users/me/notification-rules",
                        "{\"contactMethodId\":" + methodId + ",\"delayMinutes\":" + delayMinutes + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    protected static Notice page(String topic) {
        return new Notice(
                topic,
                "page",
                "Payments API is down",
                "Error rate 12% on payments-api since 03:10.\nRunbook: https://runbooks.example/payments",
                "http://localhost:8080/alerts/42",
                "http://localhost:8080/pages/42/ack?token=one-time",
                "Acknowledge");
    }

    protected DeliveryView only(String topic) {
        List<DeliveryView> all = notifications.deliveries(topic);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    protected static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
    }

    /** Holds for a moment that nothing more happens (the scheduler had its chance to run). */
    protected static ConditionFactory stillAfterRunning() {
        return Awaitility.await()
                .during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100));
    }

    /** Moves the clock and lets the scheduler run what became due. */
    protected void advance(Duration duration) {
        clock.advance(duration);
        jobs.runDue();
    }
}
