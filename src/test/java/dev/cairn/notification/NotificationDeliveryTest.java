package dev.cairn.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.TestMail;
import dev.cairn.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notices reach people through the outbox: e-mail, signed webhooks, retries, rules, cancelling. */
class NotificationDeliveryTest extends NotificationTestSupport {

    @Test
    void anEmailArrivesWithTheSubjectTheTextAndBothLinks() throws Exception {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        email(ada, "Work", inbox);
        String topic = unique("page");

        List<DeliveryView> planned = notifications.notify(ada.id(), page(topic));
        assertThat(planned).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo("email");
            assertThat(d.address()).isEqualTo(inbox);
            assertThat(d.status()).isEqualTo("pending");
        });

        await().until(() -> TestMail.to(inbox).size() == 1);
        MimeMessage mail = TestMail.to(inbox).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Payments API is down");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("cairn@localhost");
        String body = mail.getContent().toString();
        assertThat(body)
                .contains("Error rate 12% on payments-api since 03:10.")
                .contains("Acknowledge: http://localhost:8080/pages/42/ack?token=one-time")
                .contains("Open in Cairn: http://localhost:8080/alerts/42")
                .contains("/account/notifications");

        await().until(() -> only(topic).status().equals("sent"));
        DeliveryView sent = only(topic);
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.attemptCount()).isEqualTo(1);
        assertThat(sent.attempts())
                .singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo("sent"));
    }

    @Test
    void aWebhookIsSignedSoTheReceiverCanCheckItAndARotatedSecretReplacesTheOldOne() {
        Person ada = person(Role.RESPONDER);
        try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
            Hook hook = webhook(ada, "Phone bridge", receiver.url());
            assertThat(hook.secret()).startsWith("whsec_");
            receiver.secret(hook.secret());
            String topic = unique("page");

            DeliveryView planned = notifications.notify(ada.id(), page(topic)).getFirst();
            assertThat(planned.channel()).isEqualTo("webhook");
            assertThat(planned.address()).as("only the host is shown").doesNotContain("/hooks", "team=");

            await().until(() -> only(topic).status().equals("sent"));
            WebhookReceiver.Received got = receiver.received().getFirst();
            assertThat(got.signed())
                    .as("signature checks out with the secret shown at creation")
                    .isTrue();
            assertThat(got.signature()).matches("sha256=[0-9a-f]{64}");
            assertThat(Long.parseLong(got.timestamp()))
                    .isEqualTo(clock.instant().getEpochSecond());
            JsonNode json = Api.JSON.readTree(got.body());
            assertThat(json.get("type").asString()).isEqualTo("page");
            assertThat(json.get("topic").asString()).isEqualTo(topic);
            assertThat(json.get("subject").asString()).isEqualTo("Payments API is down");
            assertThat(json.get("text").asString()).startsWith("Error rate 12%");
            assertThat(json.get("link").asString()).isEqualTo("http://localhost:8080/alerts/42");
            assertThat(json.get("action").get("label").asString()).isEqualTo("Acknowledge");
            assertThat(json.get("action").get("url").asString())
                    .isEqualTo("http://localhost:8080/pages/42/ack?token=one-time");
            assertThat(json.get("deliveryId").asLong()).isEqualTo(planned.id());
            assertThat(Instant.parse(json.get("sentAt").asString())).isEqualTo(clock.instant());
            assertThat(got.deliveryId()).isEqualTo(String.valueOf(planned.id()));

            Api.Response rotated =
                    ada.api().post("/api/v1/users/me/contact-methods/" + hook.id() + "/rotate-secret", null);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String newSecret = rotated.json().get("secret").asString();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(hook.secret());

            // The receiver still has the old secret: the request fails its check, visibly and for good.
            String stale = unique("page");
            notifications.notify(ada.id(), page(stale));
            await().until(() -> only(stale).status().equals("failed"));
            assertThat(only(stale).lastError()).contains("HTTP 401", "not retried");

            receiver.secret(newSecret);
            String fresh = unique("page");
            notifications.notify(ada.id(), page(fresh));
            await().until(() -> only(fresh).status().equals("sent"));
            assertThat(receiver.received().getLast().signed()).isTrue();
        }
    }

    @Test
    void aWebhookThatFailsIsRetriedAfterTheBackoffWithBothAttemptsVisible() {
        Person ada = person(Role.RESPONDER);
        try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
            Hook hook = webhook(ada, "Bridge", receiver.url());
            receiver.secret(hook.secret());
            receiver.answer(503, Map.of());
            String topic = unique("page");
            Instant start = clock.instant();

            notifications.notify(ada.id(), page(topic));
            await().until(() -> only(topic).attemptCount() == 1);
            DeliveryView first = only(topic);
            assertThat(first.status()).isEqualTo("pending");
            assertThat(first.lastError()).startsWith("HTTP 503");
            assertThat(first.attempts().getFirst().outcome()).isEqualTo("failed");
            assertThat(first.dueAt()).isEqualTo(start.plusSeconds(15));

            advance(Duration.ofSeconds(14));
            stillAfterRunning().until(() -> receiver.count() == 1);

            advance(Duration.ofSeconds(1));
            await().until(() -> only(topic).status().equals("sent"));
            DeliveryView sent = only(topic);
            assertThat(receiver.count()).isEqualTo(2);
            assertThat(sent.attemptCount()).isEqualTo(2);
            assertThat(sent.attempts()).extracting(AttemptView::outcome).containsExactly("failed", "sent");
            assertThat(Duration.between(
                            sent.attempts().get(0).at(), sent.attempts().get(1).at()))
                    .isEqualTo(Duration.ofSeconds(15));
            assertThat(sent.lastError()).isNull();
        }
    }

    @Test
    void aRateLimitedWebhookIsNotRetriedBeforeItsRetryAfter() {
        Person ada = person(Role.RESPONDER);
        try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
            Hook hook = webhook(ada, "Chat bridge", receiver.url());
            receiver.secret(hook.secret());
            receiver.answer(429, Map.of("Retry-After", "120"));
            String topic = unique("page");
            Instant start = clock.instant();

            notifications.notify(ada.id(), page(topic));
            await().until(() -> only(topic).attemptCount() == 1);
            DeliveryView limited = only(topic);
            assertThat(limited.attempts().getFirst().outcome()).isEqualTo("rate_limited");
            assertThat(limited.attempts().getFirst().detail()).contains("HTTP 429", "asked to wait 120 s");
            assertThat(limited.dueAt()).isEqualTo(start.plusSeconds(120));
            JsonNode method = ada.api()
                    .get("/api/v1/users/me/contact-methods/" + hook.id())
                    .json();
            assertThat(Instant.parse(method.get("pausedUntil").asString())).isEqualTo(start.plusSeconds(120));

            advance(Duration.ofSeconds(60));
            stillAfterRunning().until(() -> receiver.count() == 1);
            assertThat(only(topic).status()).isEqualTo("pending");

            advance(Duration.ofSeconds(60));
            await().until(() -> only(topic).status().equals("sent"));
            DeliveryView sent = only(topic);
            assertThat(receiver.count()).isEqualTo(2);
            assertThat(sent.attempts().get(1).at()).isEqualTo(start.plusSeconds(120));
        }
    }

    @Test
    void aWebhookThatIsDownOrHangsDoesNotDelayAnEmailNotifiedAtTheSameTime() throws Exception {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        email(ada, "Work", inbox);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        webhook(ada, "Down", "http://127.0.0.1:" + closed + "/hook");
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver hanging = WebhookReceiver.start(clock)) {
            Hook hook = webhook(ada, "Hanging", hanging.url());
            hanging.secret(hook.secret());
            hanging.hold(release);
            String topic = unique("page");

            notifications.notify(ada.id(), page(topic));

            await().until(() -> TestMail.to(inbox).size() == 1);
            await().until(() -> hanging.count() == 1);
            await().until(() -> notifications.deliveries(topic).stream()
                    .anyMatch(d -> d.lastError() != null && d.lastError().contains("connection refused")));
            List<DeliveryView> all = notifications.deliveries(topic);
            assertThat(all).hasSize(3);
            DeliveryView mail = all.stream()
                    .filter(d -> d.channel().equals("email"))
                    .findFirst()
                    .orElseThrow();
            assertThat(mail.status()).isEqualTo("sent");
            DeliveryView down = all.stream()
                    .filter(d -> d.address().equals("127.0.0.1:" + closed))
                    .findFirst()
                    .orElseThrow();
            assertThat(down.status()).as("retried later").isEqualTo("pending");
            assertThat(down.dueAt()).isAfter(clock.instant());

            release.countDown();
            await().until(() -> notifications.deliveries(topic).stream()
                    .filter(d ->
                            d.address().startsWith("127.0.0.1:") && !d.address().equals("127.0.0.1:" + closed))
                    .allMatch(d -> d.status().equals("sent")));
        }
    }

    @Test
    void rulesSendAnEmailAtOnceAndAgainAfterFiveMinutes() {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        long work = email(ada, "Work", inbox);
        rule(ada, work, 0);
        rule(ada, work, 5);
        String topic = unique("page");
        Instant start = clock.instant();

        List<DeliveryView> planned = notifications.notify(ada.id(), page(topic));
        assertThat(planned).extracting(DeliveryView::dueAt).containsExactly(start, start.plusSeconds(300));

        await().until(() -> TestMail.to(inbox).size() == 1);
        advance(Duration.ofMinutes(4));
        stillAfterRunning().until(() -> TestMail.to(inbox).size() == 1);

        advance(Duration.ofMinutes(1));
        await().until(() -> TestMail.to(inbox).size() == 2);
        await().until(() -> notifications.deliveries(topic).stream()
                .allMatch(d -> d.status().equals("sent")));
    }

    @Test
    void cancellingATopicStopsADelayedRuleDelivery() {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        long work = email(ada, "Work", inbox);
        rule(ada, work, 0);
        rule(ada, work, 5);
        String topic = unique("page");

        notifications.notify(ada.id(), page(topic));
        await().until(() -> TestMail.to(inbox).size() == 1);
        await().until(() -> notifications.deliveries(topic).getFirst().status().equals("sent"));

        assertThat(notifications.cancel(topic)).as("only the one not sent yet").isEqualTo(1);
        assertThat(notifications.cancel(topic)).isZero();

        advance(Duration.ofMinutes(6));
        stillAfterRunning().until(() -> TestMail.to(inbox).size() == 1);
        assertThat(notifications.deliveries(topic))
                .extracting(DeliveryView::status)
                .containsExactly("sent", "cancelled");
    }

    @Test
    void aPersonWithoutContactMethodsIsEmailedAtTheirAccountAddress() {
        Person cleo = person(Role.VIEWER);
        String topic = unique("admin-alert");

        List<DeliveryView> planned = notifications.notify(cleo.id(), page(topic));
        assertThat(planned).singleElement().satisfies(d -> {
            assertThat(d.contactMethodId()).isNull();
            assertThat(d.address()).isEqualTo(cleo.email());
        });
        await().until(() -> TestMail.to(cleo.email()).size() == 1);
        await().until(() -> only(topic).status().equals("sent"));
    }

    @Test
    void withEveryMethodDisabledTheAccountEmailIsUsedAndRulesOnlyNameEnabledMethods() {
        Person ada = person(Role.RESPONDER);
        long work = email(ada, "Work", address("ada"));
        rule(ada, work, 0);
        Api.Response disabled = ada.api().patch("/api/v1/users/me/contact-methods/" + work, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

        List<DeliveryView> planned = notifications.notify(ada.id(), page(unique("page")));
        assertThat(planned)
                .singleElement()
                .satisfies(d -> assertThat(d.address()).isEqualTo(ada.email()));
    }
}
