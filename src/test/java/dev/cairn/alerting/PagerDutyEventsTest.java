package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Any tool that can page PagerDuty pages Cairn by changing one URL: the Events API v2 semantics. */
class PagerDutyEventsTest extends IntegrationTest {

    private String routingKey;
    private long integrationId;

    @BeforeEach
    void integration() {
        Response created = admin().post("/api/v1/integrations", "{\"name\":\"PD-compatible\",\"kind\":\"pagerduty\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("url").asString()).isEqualTo("http://localhost:" + port + "/v2/enqueue");
        routingKey = created.json().get("routingKey").asString();
        integrationId = created.json().get("id").asLong();
    }

    @Test
    void triggerAcknowledgeResolveAndANewTriggerOpensANewGroup() {
        Response triggered = enqueue(event("trigger", "disk-db-1", "Disk full on db-1"));
        assertThat(triggered.status()).isEqualTo(202);
        assertThat(triggered.json().get("status").asString()).isEqualTo("success");
        assertThat(triggered.json().get("message").asString()).isEqualTo("Event processed");
        assertThat(triggered.json().get("dedup_key").asString()).isEqualTo("disk-db-1");

        enqueue(event("trigger", "disk-db-1", "Disk full on db-1"));
        assertThat(enqueue("{\"routing_key\":\"" + routingKey
                                + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"disk-db-1\"}")
                        .status())
                .isEqualTo(202);
        JsonNode open = groups("firing").getFirst();
        assertThat(open.get("count").asInt()).isEqualTo(2);
        assertThat(open.get("acknowledgedAt").isNull()).isFalse();
        assertThat(open.get("severity").asString()).isEqualTo("critical");
        assertThat(open.get("source").asString()).isEqualTo("db-1");

        assertThat(enqueue("{\"routing_key\":\"" + routingKey
                                + "\",\"event_action\":\"resolve\",\"dedup_key\":\"disk-db-1\"}")
                        .status())
                .isEqualTo(202);
        assertThat(groups("firing")).isEmpty();

        enqueue(event("trigger", "disk-db-1", "Disk full on db-1 again"));
        assertThat(groups(null)).hasSize(2);
        assertThat(groups("firing").getFirst().get("title").asString()).isEqualTo("Disk full on db-1 again");
    }

    @Test
    void aTriggerWithoutDedupKeyGetsAGeneratedOne() {
        Response triggered = enqueue("{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"CPU hot\",\"source\":\"web-3\",\"severity\":\"warning\"}}");
        String key = triggered.json().get("dedup_key").asString();
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(groups("firing").getFirst().get("dedupKey").asString()).isEqualTo(key);
    }

    @Test
    void invalidEventsAreAnsweredAsPagerDutyDoes() {
        Response noSummary = enqueue("{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"source\":\"web-3\",\"severity\":\"warning\"}}");
        assertThat(noSummary.status()).isEqualTo(400);
        assertThat(noSummary.json().get("status").asString()).isEqualTo("invalid event");
        assertThat(noSummary.json().get("message").asString()).isEqualTo("Event object is invalid");
        assertThat(noSummary.json().get("errors").get(0).asString()).isEqualTo("'payload.summary' is missing or blank");

        Response badSeverity = enqueue(event("trigger", "k", "x").replace("\"critical\"", "\"apocalyptic\""));
        assertThat(badSeverity.json().get("field").asString()).isEqualTo("payload.severity");

        Response resolveWithoutKey = enqueue("{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"resolve\"}");
        assertThat(resolveWithoutKey.json().get("field").asString()).isEqualTo("dedup_key");

        Response unknownKey =
                enqueue(event("trigger", "k", "x").replace(routingKey, "R0UT1NGKEY000000000000000000000"));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().get("field").asString()).isEqualTo("routing_key");

        String huge =
                "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"big\","
                        + "\"source\":\"s\",\"severity\":\"info\",\"custom_details\":{\"blob\":\""
                        + "x".repeat(600 * 1024) + "\"}}}";
        assertThat(enqueue(huge).status()).as("PagerDuty's 512 KB limit").isEqualTo(413);
        assertThat(groups(null)).isEmpty();
    }

    private String event(String action, String dedupKey, String summary) {
        return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"" + action + "\",\"dedup_key\":\"" + dedupKey
                + "\",\"payload\":{\"summary\":\"" + summary + "\",\"source\":\"db-1\",\"severity\":\"critical\"}}";
    }

    private Response enqueue(String body) {
        return new Api("http://localhost:" + port, null).post("/v2/enqueue", body);
    }

    private List<JsonNode> groups(String status) {
        JsonNode page = admin().get("/api/v1/alert-groups?integrationId=" + integrationId
                        + (status == null ? "" : "&status=" + status))
                .json();
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }
}
