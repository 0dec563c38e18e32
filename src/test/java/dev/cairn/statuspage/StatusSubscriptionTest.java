package dev.cairn.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Double opt-in: the form only sends a confirmation link (once per hour per address); only
 * confirmed subscribers get updates, each with a one-click unsubscribe link that needs no sign-in.
 */
class StatusSubscriptionTest extends StatusPageSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern CONFIRM = Pattern.compile("https?://[^/\\s]+(/status/confirm/[A-Za-z0-9_\\-]+)");
    private static final Pattern UNSUBSCRIBE =
            Pattern.compile("https?://[^/\\s]+(/status/unsubscribe/[A-Za-z0-9_\\-]+)");

    @Test
    void onlyConfirmedSubscribersGetUpdatesAndUnsubscribingTakesOneClick() throws Exception {
        String tag = tag();
        String confirmed = "sub-" + tag + "@example.test";
        String witness = "witness-" + tag + "@example.test";
        String pending = "pending-" + tag + "@example.test";
        Browser visitor = new Browser(port);

        HttpResponse<String> signedUp = visitor.postWithoutCsrf("/status/subscribe", Map.of("email", confirmed));
        assertThat(signedUp.statusCode()).isEqualTo(200);
        assertThat(signedUp.body()).contains("a link to confirm the subscription is on its way");
        assertThat(visitor.postWithoutCsrf("/status/subscribe", Map.of("email", confirmed.toUpperCase()))
                        .body())
                .as("a repeated sign-up answers the same")
                .contains("a link to confirm the subscription is on its way");
        visitor.postWithoutCsrf("/status/subscribe", Map.of("email", witness));
        visitor.postWithoutCsrf("/status/subscribe", Map.of("email", pending));
        assertThat(visitor.postWithoutCsrf("/status/subscribe", Map.of("email", "not-an-address"))
                        .statusCode())
                .isEqualTo(400);

        String confirmLink = link(confirmed, CONFIRM, 0);
        assertThat(visitor.get(confirmLink).body())
                .as("opening the link only asks (a mail scanner confirms nobody)")
                .contains("data-testid=\"confirm-subscription\"")
                .doesNotContain("You are subscribed");
        HttpResponse<String> confirmedPage = visitor.postWithoutCsrf(confirmLink, Map.of());
        assertThat(confirmedPage.statusCode()).isEqualTo(200);
        assertThat(confirmedPage.body()).contains("You are subscribed");
        assertThat(visitor.postWithoutCsrf(link(witness, CONFIRM, 0), Map.of()).body())
                .contains("You are subscribed");
        assertThat(visitor.postWithoutCsrf(confirmLink, Map.of()).statusCode())
                .as("a confirmation link works once")
                .isEqualTo(404);

        Person ada = person(Role.RESPONDER);
        long incident = declare(ada.api(), "Subs " + tag, "default", List.of());
        long statusIncident = publish(
                        ada.api(), incident, "Login fails " + tag, "Looking " + tag, "investigating", Map.of())
                .json()
                .get("id")
                .asLong();

        MimeMessage update = await().atMost(WAIT).until(() -> find(confirmed, "Login fails " + tag), m -> m != null);
        String body = (String) update.getContent();
        assertThat(body).contains("Looking " + tag).doesNotContain("Subs " + tag);
        await().atMost(WAIT).until(() -> find(witness, "Login fails " + tag), m -> m != null);
        assertThat(TestMail.to(confirmed))
                .as("one confirmation, despite two sign-ups, and the update")
                .hasSize(2);
        assertThat(TestMail.to(pending))
                .as("unconfirmed: only the confirmation")
                .hasSize(1);

        Matcher unsubscribe = UNSUBSCRIBE.matcher(body);
        assertThat(unsubscribe.find()).isTrue();
        HttpResponse<String> gone = new Browser(port).get(unsubscribe.group(1));
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(gone.body()).contains("You are unsubscribed");

        post(ada.api(), statusIncident, "Fixed " + tag, "resolved", null);
        await().atMost(WAIT).until(() -> TestMail.to(witness).size() == 3);
        assertThat(TestMail.to(confirmed)).as("nothing after unsubscribing").hasSize(2);
        assertThat(TestMail.to(pending)).hasSize(1);
    }

    private static MimeMessage find(String address, String subject) throws Exception {
        for (MimeMessage m : TestMail.to(address)) {
            if (m.getSubject().contains(subject)) {
                return m;
            }
        }
        return null;
    }

    private static String link(String address, Pattern pattern, int index) throws Exception {
        List<MimeMessage> mails = await().atMost(WAIT).until(() -> TestMail.to(address), l -> l.size() > index);
        MimeMessage mail = mails.get(index);
        assertThat(mail.getSubject()).startsWith("Confirm your subscription");
        Matcher matcher = pattern.matcher((String) mail.getContent());
        assertThat(matcher.find()).as(mail.getContent().toString()).isTrue();
        return matcher.group(1);
    }
}
