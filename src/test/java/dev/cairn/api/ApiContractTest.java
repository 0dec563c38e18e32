package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What every API client can rely on: problems that name the field, limits, pages, retries. */
class ApiContractTest extends IntegrationTest {

    @Test
    void badInputIsAProblemNamingTheFieldNeverAServerError() {
        Api api = person(Role.RESPONDER).api();
        assertProblem(
                api.post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\",\"colour\":\"red\"}"),
                400,
                "colour");
        assertProblem(
                api.post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\",\"type\":\"secret\"}"),
                400,
                "type");
        assertProblem(
                api.post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\",\"serviceIds\":\"one\"}"),
                400,
                "serviceIds");
        assertProblem(
                api.post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\",\"detectedAt\":\"yesterday\"}"),
                400,
                "detectedAt");
        assertProblem(
                api.post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\",\"serviceIds\":[null]}"),
                400,
                "serviceIds[0]");
        assertProblem(api.get("/api/v1/incidents?status=exploding"), 400, "status");
        assertProblem(api.get("/api/v1/incidents?limit=0"), 400, "limit");
        assertProblem(api.get("/api/v1/incidents?cursor=not-a-cursor"), 400, "cursor");
        assertProblem(api.put("/api/v1/incidents/1/roles/janitor", "{\"userId\":1}"), 400, "role");

        Response malformed = api.post("/api/v1/incidents", "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.json().get("title").asString()).isEqualTo("Unreadable body");

        Response wrongType = api.send("POST", "/api/v1/incidents", null, Map.of("Content-Type", "text/plain"));
        assertThat(wrongType.status()).isEqualTo(415);

        Response unknownIncident = api.get("/api/v1/incidents/987654321");
        assertThat(unknownIncident.status()).isEqualTo(404);
        assertThat(unknownIncident.json().get("detail").asString()).isEqualTo("Incident INC-987654321 not found");
    }

    @Test
    void oversizedBodiesAreRefusedWith413AndNothingIsCreated() {
        Person ada = person(Role.RESPONDER);
        String summary = "x".repeat(1_100_000);
        Response tooLarge = ada.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"big one\",\"severity\":\"SEV3\",\"summary\":\"" + summary + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").asString()).contains("larger than 1048576 bytes");
        assertThat(ada.api().get("/api/v1/incidents?q=big+one").json().get("items"))
                .isEmpty();
    }

    @Test
    void withoutAValidTokenTheApiAnswers401() {
        Response none = api(null).get("/api/v1/incidents");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(api("cairn_not_a_real_token_at_all_000")
                        .get("/api/v1/incidents")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRetriedDeclareWithTheSameIdempotencyKeyCreatesOneIncident() throws Exception {
        Person ada = person(Role.RESPONDER);
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"Idempotent " + key + "\",\"severity\":\"SEV3\"}";

        Response first = ada.api().post("/api/v1/incidents", body, Map.of("Idempotency-Key", key));
        Response retry = ada.api().post("/api/v1/incidents", body, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").asLong())
                .isEqualTo(first.json().get("id").asLong());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));

        String concurrentKey = UUID.randomUUID().toString();
        String concurrentBody = "{\"title\":\"Concurrent " + concurrentKey + "\",\"severity\":\"SEV3\"}";
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() ->
                    ada.api().post("/api/v1/incidents", concurrentBody, Map.of("Idempotency-Key", concurrentKey)));
        }
        Set<Long> ids = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Response> result : pool.invokeAll(calls)) {
                Response response = result.get();
                assertThat(response.status()).as(response.body()).isIn(201, 409);
                if (response.status() == 201) {
                    ids.add(response.json().get("id").asLong());
                }
            }
        }
        assertThat(ids).hasSize(1);
        JsonNode found =
                ada.api().get("/api/v1/incidents?q=" + concurrentKey).json().get("items");
        assertThat(found).hasSize(1);

        Person bob = person(Role.RESPONDER);
        Response otherCaller = bob.api().post("/api/v1/incidents", body, Map.of("Idempotency-Key", key));
        assertThat(otherCaller.json().get("id").asLong())
                .isNotEqualTo(first.json().get("id").asLong());
    }

    @Test
    void listsArePagedByCursorWithoutGapsOrRepeats() {
        Person ada = person(Role.RESPONDER);
        String marker = "pager" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            ada.api().post("/api/v1/incidents", "{\"title\":\"" + marker + " " + i + "\",\"severity\":\"SEV4\"}");
        }
        List<String> titles = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ada.api()
                    .get("/api/v1/incidents?limit=2&q=" + marker + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(i -> titles.add(i.get("title").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(titles).containsExactly(marker + " 4", marker + " 3", marker + " 2", marker + " 1", marker + " 0");
    }

    @Test
    void theOpenApiDocumentDescribesTheIncidentApi() {
        Response docs = api(null).get("/api/docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/incidents")).isTrue();
        assertThat(paths.has("/api/v1/incidents/{id}/timeline")).isTrue();
        assertThat(paths.has("/api/v1/incidents/{id}/roles/{role}")).isTrue();
        assertThat(paths.has("/api/v1/incidents/{id}/stream")).isTrue();
    }

    private static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }
}
