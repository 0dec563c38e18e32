package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Alerts routed by their labels to a service, declaring an incident or joining the open one. */
class RoutingFlowTest extends IntegrationTest {

    private final List<Long> rules = new java.util.ArrayList<>();

    @AfterEach
    void removeRules() {
        rules.forEach(id -> admin().delete("/api/v1/routing-rules/" + id));
    }

    @Test
    void aMatchingRuleDeclaresAnIncidentOnceAndTheNextAlertJoinsIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long service = service("Checkout " + tag);
        rule("{\"name\":\"checkout pages\",\"position\":1,\"matchers\":[{\"label\":\"team\",\"op\":\"=\",\"value\":\""
                + tag
                + "\"},{\"label\":\"severity\",\"op\":\"=~\",\"value\":\"critical|error\"}],\"serviceId\":" + service
                + ",\"action\":\"declare\"}");
        rule(
                "{\"name\":\"checkout warnings join\",\"position\":2,\"matchers\":[{\"label\":\"team\",\"op\":\"=\",\"value\":\""
                        + tag + "\"}],\"serviceId\":" + service + ",\"action\":\"attach\"}");
        Hook hook = hook();

        send(hook, alert("cpu-" + tag, tag, "critical", "Checkout 5xx above 10%"));
        send(hook, alert("cpu-" + tag, tag, "critical", "Checkout 5xx above 10%"));
        JsonNode group = groups("serviceId=" + service).getFirst();
        long incidentId = group.get("incidentId").asLong();
        JsonNode incident = admin().get("/api/v1/incidents/" + incidentId).json();
        assertThat(incident.get("title").asString()).isEqualTo("Checkout 5xx above 10%");
        assertThat(incident.get("severity").asString()).isEqualTo("SEV1");
        assertThat(incident.get("services").get(0).get("id").asLong()).isEqualTo(service);
        assertThat(incident.get("summary").asString()).contains("routing rule \"checkout pages\"");
        assertThat(admin().get("/api/v1/incidents?service=" + service).json().get("items"))
                .as("a repeat declares nothing more")
                .hasSize(1);

        send(hook, alert("latency-" + tag, tag, "warning", "Checkout latency up"));
        JsonNode joined = groups("incidentId=" + incidentId).stream()
                .filter(g -> g.get("title").asString().equals("Checkout latency up"))
                .findFirst()
                .orElseThrow();
        assertThat(joined.get("serviceId").asLong()).isEqualTo(service);
        assertThat(groups("incidentId=" + incidentId)).hasSize(2);
    }

    @Test
    void withoutAMatchingRuleTheIntegrationsServiceApplies() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long service = service("Search " + tag);
        Response created = admin().post(
                        "/api/v1/integrations",
                        "{\"name\":\"search am\",\"kind\":\"alertmanager\",\"serviceId\":" + service + "}");
        Hook hook = new Hook(created.json().get("url").asString().replaceFirst("^https?://[^/]+", ""));
        send(hook, alert("idx-" + tag, "nobody-" + tag, "critical", "Index lag"));
        JsonNode group = groups("serviceId=" + service).getFirst();
        assertThat(group.get("incidentId").isNull()).isTrue();
        assertThat(group.get("ruleId").isNull()).isTrue();
    }

    @Test
    void rulesAreValidated() {
        Response badOp = admin().post(
                        "/api/v1/routing-rules",
                        "{\"name\":\"x\",\"matchers\":[{\"label\":\"a\",\"op\":\"==\",\"value\":\"b\"}],\"action\":\"declare\"}");
        assertThat(badOp.status()).isEqualTo(400);
        assertThat(badOp.json().get("field").asString()).isEqualTo("matchers[0].op");
        assertThat(badOp.json().get("detail").asString()).isEqualTo("matchers[0].op must be one of =, !=, =~, !~");
        Response badAction =
                admin().post("/api/v1/routing-rules", "{\"name\":\"x\",\"matchers\":[],\"action\":\"page\"}");
        assertThat(badAction.json().get("field").asString()).isEqualTo("action");
        Response badSeverity =
                admin().post("/api/v1/routing-rules", "{\"name\":\"x\",\"matchers\":[],\"severity\":\"SEV9\"}");
        assertThat(badSeverity.json().get("field").asString()).isEqualTo("severity");
    }

    record Hook(String path) {}

    private Hook hook() {
        Response created = admin().post("/api/v1/integrations", "{\"name\":\"routing am\",\"kind\":\"alertmanager\"}");
        return new Hook(created.json().get("url").asString().replaceFirst("^https?://[^/]+", ""));
    }

    private void rule(String json) {
        Response created = admin().post("/api/v1/routing-rules", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        rules.add(created.json().get("id").asLong());
    }

    private long service(String name) {
        Response created = admin().post("/api/v1/services", "{\"name\":\"" + name + "\",\"tier\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private String alert(String fingerprint, String team, String severity, String summary) {
        return "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"team\":\""
                + team
                + "\",\"severity\":\"" + severity + "\"},\"annotations\":{\"summary\":\"" + summary
                + "\"},\"fingerprint\":\""
                + fingerprint + "\"}]}";
    }

    private List<JsonNode> groups(String filter) {
        JsonNode page = admin().get("/api/v1/alert-groups?limit=200&" + filter).json();
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    private void send(Hook hook, String body) {
        Response response = api(null).post(hook.path(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
