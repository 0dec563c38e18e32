package dev.cairn.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The incident lifecycle through the API, as a responder and a commander would live it. */
class IncidentLifecycleTest extends IntegrationTest {

    @Test
    void declareWorkAndResolveAnIncident() {
        Person responder = person(Role.RESPONDER);
        Person commander = person(Role.RESPONDER);
        Instant declaredAt = clock.instant();

        Response declared = responder.api().post("/api/v1/incidents", """
                        {"title":"Checkout fails for card payments","severity":"SEV2","summary":"502s at the edge"}""");
        assertThat(declared.status()).isEqualTo(201);
        JsonNode incident = declared.json();
        long id = incident.get("id").asLong();
        assertThat(declared.header("Location")).isEqualTo("/api/v1/incidents/" + id);
        assertThat(incident.get("reference").asString()).isEqualTo("INC-" + id);
        assertThat(incident.get("status").asString()).isEqualTo("investigating");
        assertThat(incident.get("type").asString()).isEqualTo("default");
        assertThat(Instant.parse(incident.get("declaredAt").asString())).isEqualTo(declaredAt);
        assertThat(Instant.parse(incident.get("detectedAt").asString())).isEqualTo(declaredAt);

        clock.advance(Duration.ofMinutes(3));
        JsonNode withCommander = responder
                .api()
                .put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + commander.id() + "}")
                .json();
        assertThat(withCommander.get("roles").get(0).get("role").asString()).isEqualTo("commander");
        assertThat(withCommander.get("roles").get(0).get("userId").asLong()).isEqualTo(commander.id());
        assertThat(Instant.parse(withCommander.get("acknowledgedAt").asString()))
                .isEqualTo(declaredAt.plus(Duration.ofMinutes(3)));

        clock.advance(Duration.ofMinutes(10));
        assertThat(status(commander, id, "identified").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(20));
        JsonNode monitoring = status(commander, id, "monitoring").json();
        assertThat(Instant.parse(monitoring.get("mitigatedAt").asString())).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(30));
        JsonNode resolved = status(commander, id, "resolved").json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(Instant.parse(resolved.get("resolvedAt").asString())).isEqualTo(clock.instant());

        List<String> timeline = kinds(commander, id);
        assertThat(timeline)
                .containsSubsequence("declared", "participant_joined", "role_assigned", "status", "status", "status");
        JsonNode roleEntry = entries(commander, id).stream()
                .filter(e -> e.get("kind").asString().equals("role_assigned"))
                .findFirst()
                .orElseThrow();
        assertThat(roleEntry.get("authorId").asLong()).isEqualTo(responder.id());
        assertThat(roleEntry.get("body").asString()).contains("is now incident commander");

        List<JsonNode> participants = StreamSupport.stream(
                        commander
                                .api()
                                .get("/api/v1/incidents/" + id + "/participants")
                                .json()
                                .spliterator(),
                        false)
                .toList();
        assertThat(participants).extracting(p -> p.get("userId").asLong()).contains(responder.id(), commander.id());
        assertThat(participants).extracting(p -> p.get("reason").asString()).contains("declared", "role");
    }

    @Test
    void illegalTransitionsAreConflictsAndReopeningWorks() {
        Person responder = person(Role.RESPONDER);
        // SEV4: its review is optional, so closing does not wait for one (see ReviewFlowTest).
        long id = declare(responder, "Queue backlog", "SEV4");

        Response closeOpen = status(responder, id, "closed");
        assertThat(closeOpen.status()).isEqualTo(409);
        assertThat(closeOpen.json().get("detail").asString())
                .contains("investigating cannot become closed")
                .contains("identified, monitoring, resolved");

        status(responder, id, "resolved");
        JsonNode reopened = status(responder, id, "investigating").json();
        assertThat(reopened.get("status").asString()).isEqualTo("investigating");
        assertThat(reopened.get("resolvedAt").isNull()).isTrue();
        assertThat(entries(responder, id).getFirst().get("body").asString()).startsWith("Reopened as investigating");

        status(responder, id, "resolved");
        assertThat(status(responder, id, "closed").json().get("closedAt").isNull())
                .isFalse();
        Response afterClose = status(responder, id, "investigating");
        assertThat(afterClose.status()).isEqualTo(409);
        assertThat(afterClose.json().get("detail").asString()).contains("closed");
    }

    @Test
    void changesOfSeverityTitleAndSingleRolesAreRecordedWithWhoAndWhen() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long id = declare(ada, "Login slow", "SEV3");

        clock.advance(Duration.ofMinutes(1));
        ada.api().patch("/api/v1/incidents/" + id, "{\"severity\":\"SEV1\",\"title\":\"Login down\"}");
        ada.api().put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + ada.id() + "}");
        JsonNode handedOver = bob.api()
                .put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + bob.id() + "}")
                .json();

        assertThat(handedOver.get("severity").asString()).isEqualTo("SEV1");
        assertThat(handedOver.get("title").asString()).isEqualTo("Login down");
        assertThat(handedOver.get("roles")).hasSize(1);
        assertThat(handedOver.get("roles").get(0).get("userId").asLong()).isEqualTo(bob.id());

        List<JsonNode> entries = entries(ada, id);
        JsonNode severity = entries.stream()
                .filter(e -> e.get("kind").asString().equals("severity"))
                .findFirst()
                .orElseThrow();
        assertThat(severity.get("body").asString()).isEqualTo("Severity changed from SEV3 to SEV1");
        assertThat(severity.get("authorId").asLong()).isEqualTo(ada.id());
        assertThat(Instant.parse(severity.get("occurredAt").asString())).isEqualTo(clock.instant());
        assertThat(entries.stream()
                        .filter(e -> e.get("kind").asString().equals("role_assigned"))
                        .findFirst()
                        .orElseThrow()
                        .get("body")
                        .asString())
                .isEqualTo("Test responder is now incident commander (was Test responder)");
    }

    @Test
    void keyTimestampsCanBeEditedAfterwardsWithChecksAndAudit() {
        Person ada = person(Role.RESPONDER);
        long id = declare(ada, "Disk full", "SEV3");
        Instant impact = clock.instant().minus(Duration.ofMinutes(42));

        JsonNode edited = ada.api()
                .patch(
                        "/api/v1/incidents/" + id,
                        "{\"impactStartedAt\":\"" + impact + "\",\"detectedAt\":\"" + impact.plusSeconds(600) + "\"}")
                .json();
        assertThat(Instant.parse(edited.get("impactStartedAt").asString())).isEqualTo(impact);

        Response backwards =
                ada.api().patch("/api/v1/incidents/" + id, "{\"detectedAt\":\"" + impact.minusSeconds(60) + "\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("field").asString()).isEqualTo("detectedAt");

        Response future = ada.api()
                .patch(
                        "/api/v1/incidents/" + id,
                        "{\"resolvedAt\":\"" + clock.instant().plus(Duration.ofDays(1)) + "\"}");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("field").asString()).isEqualTo("resolvedAt");

        Response audit = admin().get("/api/v1/audit?action=incident.updated&limit=50");
        assertThat(audit.body()).contains("timestamps=[impactStartedAt, detectedAt]");
    }

    @Test
    void declaringValidatesSeverityTitleAndServices() {
        Person ada = person(Role.RESPONDER);
        Response severity = ada.api().post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV9\"}");
        assertThat(severity.status()).isEqualTo(400);
        assertThat(severity.json().get("field").asString()).isEqualTo("severity");
        assertThat(severity.json().get("detail").asString()).contains("SEV1, SEV2, SEV3, SEV4");

        Response title = ada.api().post("/api/v1/incidents", "{\"title\":\"  \",\"severity\":\"SEV3\"}");
        assertThat(title.json().get("field").asString()).isEqualTo("title");

        Response service =
                ada.api().post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\",\"serviceIds\":[999999]}");
        assertThat(service.status()).isEqualTo(400);
        assertThat(service.json().get("field").asString()).isEqualTo("serviceIds[0]");
    }

    @Test
    void viewersAndReadTokensCannotChangeIncidents() {
        Person ada = person(Role.RESPONDER);
        long id = declare(ada, "Cache misses", "SEV4");
        Person viewer = person(Role.VIEWER);
        Person reader = person(Role.RESPONDER, dev.cairn.identity.TokenScope.READ);

        assertThat(viewer.api().get("/api/v1/incidents/" + id).status()).isEqualTo(200);
        assertThat(viewer.api()
                        .post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\"}")
                        .status())
                .isEqualTo(403);
        assertThat(reader.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(403);
        assertThat(reader.api()
                        .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"hi\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api().get("/api/v1/incidents/" + id).json().get("status").asString())
                .isEqualTo("investigating");
    }

    @Test
    void adminsRenameSeverityLevelsOthersCannot() {
        Response renamed =
                admin().patch("/api/v1/severities/SEV4", "{\"name\":\"Low\",\"description\":\"No customer impact.\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(admin().get("/api/v1/severities").body()).contains("No customer impact.");
        assertThat(person(Role.RESPONDER)
                        .api()
                        .patch("/api/v1/severities/SEV4", "{\"name\":\"Meh\"}")
                        .status())
                .isEqualTo(403);
        assertThat(admin().patch("/api/v1/severities/SEV9", "{\"name\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(admin().patch("/api/v1/severities/SEV4", "{\"name\":\"\"}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("name");
    }

    private long declare(Person person, String title, String severity) {
        Response response = person.api()
                .post("/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private static Response status(Person person, long id, String status) {
        return person.api().patch("/api/v1/incidents/" + id, "{\"status\":\"" + status + "\"}");
    }

    /** Newest first, as the API pages them. */
    private static List<JsonNode> entries(Person person, long id) {
        JsonNode page = person.api()
                .get("/api/v1/incidents/" + id + "/timeline?limit=200")
                .json();
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    private static List<String> kinds(Person person, long id) {
        return entries(person, id).reversed().stream()
                .map(e -> e.get("kind").asString())
                .toList();
    }
}
