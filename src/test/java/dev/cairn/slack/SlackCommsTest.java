package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.support.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 6 with Slack: a Slack channel as an audience's recipient gets the audience's updates, and
 * the reminder that an update is due reaches the communications lead by Slack DM too.
 */
class SlackCommsTest extends SlackTest {

    @Test
    void aSlackChannelRecipientGetsTheAudiencesUpdates() {
        JsonNode audience = admin().post(
                        "/api/v1/audiences",
                        Api.JSON.writeValueAsString(Map.of(
                                "name",
                                "Support " + id(),
                                "subjectTemplate",
                                "{{title}} ({{audience}})",
                                "template",
                                "Impact: {{impact}}")))
                .json();
        long audienceId = audience.get("id").asLong();
        Api.Response wrong = admin().post(
                        "/api/v1/audiences/" + audienceId + "/recipients",
                        "{\"channel\":\"slack\",\"address\":\"support updates\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("address", "Slack channel id");
        String channel = "#support-" + id().toLowerCase(java.util.Locale.ROOT);
        Api.Response added = admin().post(
                        "/api/v1/audiences/" + audienceId + "/recipients",
                        "{\"channel\":\"slack\",\"address\":\"" + channel + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("recipient").get("channel").asString()).isEqualTo("slack");
        assertThat(added.json().get("recipient").get("display").asString()).isEqualTo(channel);

        Person lead = responder();
        long incident = incident(lead, "Invoices late", "SEV3");
        Api.Response sent = lead.api()
                .post(
                        "/api/v1/incidents/" + incident + "/updates",
                        "{\"impact\":\"Invoices are sent an hour late\",\"updates\":[{\"audience\":\""
                                + audience.get("slug").asString() + "\"}]}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get(0).get("recipients").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FakeSlack.get().posted(channel).size() == 1);
        assertThat(FakeSlack.get().posted(channel).getFirst())
                .contains("Invoices late", "Impact: Invoices are sent an hour late");
    }

    @Test
    void aDueUpdateRemindsTheCommunicationsLeadBySlackDm() {
        Person ic = responder();
        Person lead = responder();
        String leadSlack = "U" + id();
        users.update(lead.id(), null, null, null, leadSlack, null, Actor.SYSTEM);
        long incident = incident(ic, "Login errors", "SEV1");
        assertThat(ic.api()
                        .put(
                                "/api/v1/incidents/" + incident + "/roles/communications_lead",
                                "{\"userId\":" + lead.id() + "}")
                        .status())
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));
        jobs.runDue();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> FakeSlack.get().posted(leadSlack).stream()
                        .anyMatch(t -> t.contains("Update due: INC-" + incident)));
        assertThat(FakeSlack.get().posted(leadSlack))
                .filteredOn(t -> t.contains("INC-" + incident))
                .singleElement()
                .satisfies(t -> assertThat(t).contains("Write one update", "/incidents/" + incident));
    }
}
