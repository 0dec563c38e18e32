package dev.cairn.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.shared.InvalidInputException;
import dev.cairn.support.TestMail;
import dev.cairn.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * Audience lists and status page subscribers are not Cairn users: their messages go through the
 * same outbox, without the personal-settings footer, and a webhook is signed with the secret given.
 */
class OutsideRecipientsTest extends NotificationTestSupport {

    @Test
    void anOutsideAddressGetsTheMessageWithoutAFooterAboutSettings() throws Exception {
        String inbox = address("execs");
        String topic = unique("update");
        DeliveryView planned = notifications.sendTo(Channel.EMAIL, inbox, null, page(topic));
        assertThat(planned.userId()).isZero();
        assertThat(planned.status()).isEqualTo("pending");

        await().until(() -> TestMail.to(inbox).size() == 1);
        String body = TestMail.to(inbox).getFirst().getContent().toString();
        assertThat(body).contains("Error rate 12%", "More: http://localhost:8080/alerts/42");
        assertThat(body).doesNotContain("notification settings", "Open in Cairn");
        await().until(() -> only(topic).status().equals("sent"));
    }

    @Test
    void aWebhookIsSignedWithTheGivenSecret() {
        try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
            receiver.secret("whsec_outside_0123456789");
            String topic = unique("update");
            notifications.sendTo(Channel.WEBHOOK, receiver.url(), "whsec_outside_0123456789", page(topic));
            await().until(() -> only(topic).status().equals("sent"));
            assertThat(receiver.received().getFirst().signed()).isTrue();
        }
    }

    @Test
    void badAddressesAreRefusedBeforeAnythingIsPlanned() {
        assertThatThrownBy(() -> notifications.sendTo(Channel.EMAIL, "not an address", null, page(unique("x"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("e-mail");
        assertThatThrownBy(() -> notifications.sendTo(Channel.WEBHOOK, "https://example.test/hook", null, page("x")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("secret"));
    }
}
