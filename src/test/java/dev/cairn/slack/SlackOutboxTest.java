package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.Notice;
import dev.cairn.support.TestMail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls to Slack go through the notification outbox: one lane per channel (in order, about one a
 * second), Slack's 429 Retry-After honoured, and a Slack outage never holds up a page by e-mail.
 */
class SlackOutboxTest extends SlackTest {

    @Test
    void webRoomPostsReachTheChannelInOrderAboutOneASecondWithTheirAuthor() {
        Person ada = responder();
        String[] room = incidentWithChannel(ada, "Search is slow").split(":");
        long incident = Long.parseLong(room[0]);
        String channel = room[1];

        for (String text :
                List.of("first: rolling back", "second: rollback done", "third: <b>watching</b> & waiting")) {
            assertThat(ada.api()
                            .post(
                                    "/api/v1/incidents/" + incident + "/timeline",
                                    "{\"kind\":\"message\",\"body\":\"" + text + "\"}")
                            .status())
                    .isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> posts(channel).size() == 1);
        // The others wait in the channel's lane, visibly, until Slack's pace allows them.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slackDeliveries(incident).stream()
                        .filter(d -> d.status().equals("pending"))
                        .allMatch(d -> d.lastError() != null && d.lastError().startsWith("waiting")));
        assertThat(posts(channel)).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> posts(channel).size() == 2);
        clock.advance(Duration.ofSeconds(1));
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> posts(channel).size() == 3);

        assertThat(posts(channel))
                .containsExactly(
                        "*Test responder* in Cairn: first: rolling back",
                        "*Test responder* in Cairn: second: rollback done",
                        "*Test responder* in Cairn: third: &lt;b&gt;watching&lt;/b&gt; &amp; waiting");
        assertThat(slackDeliveries(incident)).extracting(DeliveryView::status).containsOnly("sent");
    }

    @Test
    void slackAnswering429Or500DelaysSlackOnlyAndAPageByEmailStillGoesOut() {
        Person ada = responder();
        String[] room = incidentWithChannel(ada, "Payments down").split(":");
        long incident = Long.parseLong(room[0]);
        String channel = room[1];
        FakeSlack.get().failNext(channel, 429, "30", 1);
        FakeSlack.get().failNext(channel, 500, null, 1);

        ada.api()
                .post(
                        "/api/v1/incidents/" + incident + "/timeline",
                        "{\"kind\":\"message\",\"body\":\"checking the database\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slackDeliveries(incident).getFirst().lastError() != null);
        DeliveryView waiting = slackDeliveries(incident).getFirst();
        assertThat(waiting.status()).isEqualTo("pending");
        assertThat(waiting.lastError()).contains("HTTP 429");

        // Meanwhile a page by e-mail is not held up by Slack.
        Person bob = responder();
        String topic = "page:slack-test-" + id();
        notifications.notify(
                bob.id(), new Notice(topic, "page", "Payments API is down", "Error rate 12%", null, null, null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestMail.to(bob.email()).size() == 1);
        assertThat(posts(channel)).isEmpty();

        // Slack's Retry-After is honoured: nothing in this channel's lane before 30 s.
        clock.advance(Duration.ofSeconds(29));
        jobs.runDue();
        assertThat(FakeSlack.get().callsIn("chat.postMessage", channel)).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        FakeSlack.get().callsIn("chat.postMessage", channel).size() == 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slackDeliveries(incident).getFirst().lastError().contains("HTTP 500"));
        // A Slack failure is retried with the outbox's backoff (30 s after a second failed attempt).
        clock.advance(Duration.ofSeconds(29));
        jobs.runDue();
        assertThat(FakeSlack.get().callsIn("chat.postMessage", channel)).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> posts(channel).size() == 1);
        assertThat(posts(channel)).containsExactly("*Test responder* in Cairn: checking the database");
        assertThat(slackDeliveries(incident).getFirst().status()).isEqualTo("sent");
        assertThat(slackDeliveries(incident).getFirst().attempts())
                .extracting(a -> a.outcome())
                .containsExactly("rate_limited", "failed", "sent");
    }

    private static List<String> posts(String channel) {
        return FakeSlack.get().posted(channel);
    }
}
