package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Slack direct message as a contact method for pages, acknowledged with its button. */
class SlackPageTest extends SlackTest {

    @Test
    void aPageArrivesAsASlackMessageAndItsButtonAcknowledgesThePage() {
        Person ada = responder();
        String adaSlack = "U" + id();
        users.update(ada.id(), null, null, null, adaSlack, null, Actor.SYSTEM);
        Api.Response method = ada.api()
                .post(
                        "/api/v1/users/me/contact-methods",
                        "{\"name\":\"Slack\",\"channel\":\"slack\",\"address\":\"" + adaSlack + "\"}");
        assertThat(method.status()).as(method.body()).isEqualTo(201);
        assertThat(ada.api()
                        .post(
                                "/api/v1/users/me/contact-methods",
                                "{\"name\":\"Slack\",\"channel\":\"slack\",\"address\":\"#general\"}")
                        .body())
                .contains("Slack member id");

        Api.Response policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Slack " + id() + "\",\"steps\":[{\"delayMinutes\":5,"
                                + "\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]}]}");
        long page = admin().post(
                        "/api/v1/pages",
                        "{\"policyId\":" + policy.json().get("id").asLong() + ",\"title\":\"Disk full on db-1\"}")
                .json()
                .get("id")
                .asLong();
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FakeSlack.get().posted(adaSlack).size() == 1);
        assertThat(FakeSlack.get().posted(adaSlack).getFirst()).contains("Disk full on db-1");
        Map<String, String> dm =
                FakeSlack.get().callsIn("chat.postMessage", adaSlack).getFirst();
        assertThat(dm.get("blocks")).contains("cairn_page_ack", "\"value\":\"page:" + page + "\"", "Acknowledge");

        String dmChannel = "D" + id();
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + adaSlack + "\"},\"channel\":{\"id\":\""
                + dmChannel + "\"},\"actions\":[{\"action_id\":\"cairn_page_ack\",\"block_id\":\"b1\",\"value\":\"page:"
                + page + "\",\"type\":\"button\"}],\"response_url\":\"https://hooks.slack.com/actions/T1/1/x\"}";
        var answer = new SignedSlack(port, SECRET)
                .send(
                        "/slack/interactions",
                        "application/x-www-form-urlencoded",
                        "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                        clock.instant(),
                        Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(admin().get("/api/v1/pages/" + page)
                        .json()
                        .get("page")
                        .get("status")
                        .asString())
                .isEqualTo("acknowledged");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FakeSlack.get().posted(dmChannel).size() == 1);
        assertThat(FakeSlack.get().posted(dmChannel))
                .isEqualTo(List.of(":white_check_mark: Page #" + page + " acknowledged by Test responder."));
    }
}
