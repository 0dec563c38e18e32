package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Alerts in through real hook URLs, as monitoring systems send them, deduplicated by the database. */
class AlertIngestTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void alertmanagerGroupsAreDeduplicatedCountedResolvedAndReopened() {
        Hook hook = integration("alertmanager", null);
        String firing = sample("alertmanager-firing.json");

        Response first = hook.post(firing);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("alerts").asInt()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        hook.post(firing);
        List<JsonNode> open = groups(hook, "firing");
        assertThat(open).hasSize(2);
        JsonNode one = open.stream()
                .filter(g -> g.get("dedupKey").asString().equals("a1b2c3d4e5f60001"))
                .findFirst()
                .orElseThrow();
        assertThat(one.get("count").asInt()).isEqualTo(2);
        assertThat(one.get("title").asString()).isEqualTo("Checkout error rate above 5% on checkout-1");
        assertThat(one.get("severity").asString()).isEqualTo("critical");
        assertThat(one.get("source").asString()).isEqualTo("checkout-1:8080");
        assertThat(java.time.Instant.parse(one.get("lastSeen").asString()))
                .isEqualTo(
                        java.time.Instant.parse(one.get("firstSeen").asString()).plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(hook.post(sample("alertmanager-resolved-one.json")).status()).isEqualTo(200);
        assertThat(groups(hook, "firing"))
                .extracting(g -> g.get("dedupKey").asString())
                .containsExactly("a1b2c3d4e5f60002");
        JsonNode resolved = groups(hook, "resolved").getFirst();
        assertThat(resolved.get("dedupKey").asString()).isEqualTo("a1b2c3d4e5f60001");
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        hook.post(firing);
        clock.advance(Duration.ofMinutes(1));
        hook.post(sample("alertmanager-resolved-one.json"));
        clock.advance(Duration.ofMinutes(1));
        hook.post(firing);
        List<JsonNode> all = groups(hook, null);
        List<JsonNode> ofKey = all.stream()
                .filter(g -> g.get("dedupKey").asString().equals("a1b2c3d4e5f60001"))
                .toList();
        assertThat(ofKey).hasSize(3);
        assertThat(ofKey.getFirst().get("status").asString()).isEqualTo("firing");
        assertThat(ofKey.getFirst().get("flaps").asInt())
                .as("reopened twice within a day")
                .isEqualTo(2);

        long stored = jdbc.sql("select count(*) from alerts where integration_id = ?")
                .param(hook.id())
                .query(Long.class)
                .single();
        assertThat(stored).as("every alert event is kept").isEqualTo(2 + 2 + 1 + 2 + 1 + 2);
    }

    @Test
    void grafanaAlertsArriveLikeAlertmanagerOnes() {
        Hook hook = integration("grafana", null);
        assertThat(hook.post(sample("grafana-firing.json")).status()).isEqualTo(200);
        JsonNode group = groups(hook, "firing").getFirst();
        assertThat(group.get("title").asString()).isEqualTo("Disk on db-1 is 92% full");
        assertThat(group.get("dedupKey").asString()).isEqualTo("7d2f0e3c9b1a4455");
    }

    @Test
    void concurrentDeliveriesNeverOpenTwoGroupsForOneKey() throws Exception {
        Hook hook = integration("alertmanager", null);
        int keys = 30;
        int deliveries = 240;
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            String fingerprint = "concurrent-" + (i % keys);
            calls.add(() -> hook.post(alertmanager(fingerprint, "firing")));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Response> result : pool.invokeAll(calls)) {
                assertThat(result.get().status()).as(result.get().body()).isEqualTo(200);
            }
        }
        List<JsonNode> open = groups(hook, "firing");
        assertThat(open).hasSize(keys);
        assertThat(open.stream().mapToInt(g -> g.get("count").asInt()).sum()).isEqualTo(deliveries);
        assertThat(open.stream().map(g -> g.get("dedupKey").asString()).collect(Collectors.toSet()))
                .hasSize(keys);
    }

    @Test
    void badPayloadsAreRefusedNamingTheFieldAndKeptForTheOwner() {
        Hook hook = integration("alertmanager", null);
        Response notJson = hook.post("{\"alerts\": [");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("field").asString()).isEqualTo("body");

        Response badStatus =
                hook.post("{\"version\":\"4\",\"alerts\":[{\"status\":\"exploding\",\"labels\":{\"a\":\"b\"}}]}");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("field").asString()).isEqualTo("alerts[0].status");
        assertThat(badStatus.body())
                .as("the answer never echoes the secret token")
                .doesNotContain(hook.path());

        Response mixed =
                hook.post("{\"alerts\":[" + alert("ok-1", "firing") + ",{\"status\":\"firing\",\"labels\":7}]}");
        assertThat(mixed.json().get("field").asString()).isEqualTo("alerts[1].labels");
        assertThat(groups(hook, null))
                .as("a refused request stores none of its alerts")
                .isEmpty();

        assertThat(person(Role.VIEWER)
                        .api()
                        .get("/api/v1/integrations/" + hook.id() + "/rejected")
                        .status())
                .as("refused bodies may hold anything: viewers do not read them")
                .isEqualTo(403);
        JsonNode rejected =
                admin().get("/api/v1/integrations/" + hook.id() + "/rejected").json();
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(0).get("reason").asString()).isEqualTo("alerts[1].labels must be an object");
        assertThat(rejected.get(2).get("body").asString()).isEqualTo("{\"alerts\": [");
    }

    @Test
    void unknownTokensAndKindsAreNotFoundAndARotatedTokenStopsWorking() {
        Hook hook = integration("alertmanager", null);
        Api anonymous = api(null);
        assertThat(anonymous
                        .post("/hooks/alertmanager/not-a-token", sample("alertmanager-firing.json"))
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .post(hook.path().replace("/alertmanager/", "/grafana/"), sample("alertmanager-firing.json"))
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .post(hook.path().replace("/alertmanager/", "/nagios/"), "{}")
                        .status())
                .isEqualTo(404);

        JsonNode rotated = admin().post("/api/v1/integrations/" + hook.id() + "/rotate", "")
                .json();
        assertThat(anonymous
                        .post(hook.path(), sample("alertmanager-firing.json"))
                        .status())
                .isEqualTo(404);
        String newPath = rotated.get("url").asString().replaceFirst("^https?://[^/]+", "");
        assertThat(anonymous.post(newPath, sample("alertmanager-firing.json")).status())
                .isEqualTo(200);
    }

    @Test
    void genericWebhooksAreReadThroughTheirMappingWhichCanBePreviewed() {
        String mapping =
                "{\"title\":\"/check/name\",\"dedupKey\":\"/check/id\",\"severity\":\"/level\",\"status\":\"/state\"}";
        Response preview = admin().post(
                        "/api/v1/integrations/preview",
                        "{\"mapping\":" + mapping
                                + ",\"sample\":\"{\\\"check\\\":{\\\"id\\\":\\\"c-9\\\",\\\"name\\\":\\\"API down\\\"},\\\"level\\\":\\\"P1\\\",\\\"state\\\":\\\"OK\\\"}\"}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get(0).get("action").asString()).isEqualTo("RESOLVE");
        assertThat(preview.json().get(0).get("title").asString()).isEqualTo("API down");

        Response missing =
                admin().post("/api/v1/integrations/preview", "{\"mapping\":" + mapping + ",\"sample\":\"{}\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("sample.dedupKey");

        Hook hook = integration("generic", mapping);
        hook.post("{\"check\":{\"id\":\"c-9\",\"name\":\"API down\"},\"level\":\"P1\",\"state\":\"CRITICAL\"}");
        hook.post("{\"check\":{\"id\":\"c-9\",\"name\":\"API down\"},\"level\":\"P1\",\"state\":\"CRITICAL\"}");
        JsonNode group = groups(hook, "firing").getFirst();
        assertThat(group.get("count").asInt()).isEqualTo(2);
        assertThat(group.get("severity").asString()).isEqualTo("P1");
        hook.post("{\"check\":{\"id\":\"c-9\",\"name\":\"API down\"},\"state\":\"ok\"}");
        assertThat(groups(hook, "firing")).isEmpty();

        Response noMapping = admin().post("/api/v1/integrations", "{\"name\":\"x\",\"kind\":\"generic\"}");
        assertThat(noMapping.json().get("field").asString()).isEqualTo("mapping");
    }

    @Test
    void onlyWritersCreateIntegrationsAndTokensAreShownOnce() {
        Person viewer = person(Role.VIEWER);
        assertThat(viewer.api()
                        .post("/api/v1/integrations", "{\"name\":\"x\",\"kind\":\"alertmanager\"}")
                        .status())
                .isEqualTo(403);
        Response unknownKind = admin().post("/api/v1/integrations", "{\"name\":\"x\",\"kind\":\"nagios\"}");
        assertThat(unknownKind.json().get("field").asString()).isEqualTo("kind");

        Hook hook = integration("alertmanager", null);
        Response listed = admin().get("/api/v1/integrations/" + hook.id());
        assertThat(listed.body())
                .doesNotContain(hook.path().substring(hook.path().lastIndexOf('/') + 1));
        assertThat(listed.json().get("tokenHint").asString()).hasSize(4);
    }

    // ---- helpers -------------------------------------------------------------------------------

    record Hook(long id, String path, Api api) {
        Response post(String body) {
            return api.post(path, body);
        }
    }

    private Hook integration(String kind, String mapping) {
        Response created = admin().post(
                        "/api/v1/integrations",
                        "{\"name\":\"" + kind + " test\",\"kind\":\"" + kind + "\""
                                + (mapping == null ? "" : ",\"mapping\":" + mapping) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String url = created.json().get("url").asString();
        assertThat(url).startsWith("http://localhost:" + port + "/hooks/" + kind + "/");
        return new Hook(created.json().get("id").asLong(), url.replaceFirst("^https?://[^/]+", ""), api(null));
    }

    private List<JsonNode> groups(Hook hook, String status) {
        JsonNode page = admin().get("/api/v1/alert-groups?limit=200&integrationId=" + hook.id()
                        + (status == null ? "" : "&status=" + status))
                .json();
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    static String alertmanager(String fingerprint, String status) {
        return "{\"version\":\"4\",\"status\":\"" + status + "\",\"alerts\":[" + alert(fingerprint, status) + "]}";
    }

    static String alert(String fingerprint, String status) {
        return "{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"Load\",\"fp\":\"" + fingerprint
                + "\"},\"annotations\":{\"summary\":\"Load " + fingerprint + "\"},\"fingerprint\":\"" + fingerprint
                + "\"}";
    }

    static String sample(String name) {
        try (InputStream in = AlertIngestTest.class.getResourceAsStream("/alerting/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
