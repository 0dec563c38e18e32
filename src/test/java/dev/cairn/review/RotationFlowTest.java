package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Resolving an incident gives it a reviewer who was not there, fairly, once, and says why. */
class RotationFlowTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    @AfterEach
    void emptyThePool() {
        for (JsonNode v : admin().get("/api/v1/review-rotation").json().get("volunteers")) {
            admin().delete("/api/v1/review-rotation/volunteers/"
                    + v.get("userId").asLong());
        }
    }

    @Test
    void aResolvedIncidentGetsAReviewerWhoWasNotThereOnceAndTheCardSaysWhy() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person cy = person(Role.RESPONDER);
        volunteer(ada);
        volunteer(bob);
        volunteer(cy);
        long id = declare(ada, "SEV2", "default");
        admin().put("/api/v1/incidents/" + id + "/roles/scribe", "{\"userId\":" + bob.id() + "}");

        Browser cys = new Browser(port);
        cys.signIn(cy.email(), cy.password());
        assertThat(cys.get("/incidents/" + id + "/review/rotation").body())
                .contains("A reviewer is chosen when the incident resolves.");

        resolve(id);

        JsonNode assignment =
                ada.api().get("/api/v1/incidents/" + id + "/review/rotation").json();
        assertThat(assignment.get("reviewerId").asLong()).isEqualTo(cy.id());
        assertThat(assignment.get("reason").asString())
                .isEqualTo("The only eligible one of 3 volunteers; 2 volunteers skipped because they took part");
        String card = cys.get("/incidents/" + id + "/review/rotation").body();
        assertThat(card)
                .contains("Test responder", "chosen by the rotation", "2 volunteers skipped because they took part")
                .doesNotContain("Reassign");
        JsonNode told = admin().get("/api/v1/notifications?topic=review:" + id + ":rotation")
                .json();
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("userId").asLong()).isEqualTo(cy.id());

        assertThat(admin().patch("/api/v1/incidents/" + id, "{\"status\":\"investigating\"}")
                        .status())
                .isEqualTo(200);
        resolve(id);
        assertThat(admin().get("/api/v1/notifications?topic=review:" + id + ":rotation")
                        .json())
                .as("resolving again keeps the first assignment")
                .hasSize(1);
    }

    @Test
    void publishingTheReviewClosesTheReviewersAssignment() {
        Person ada = person(Role.RESPONDER);
        Person cy = person(Role.RESPONDER);
        volunteer(cy);
        long id = declare(ada, "SEV2", "default");
        resolve(id);
        assertThat(openReviewsOf(cy)).isEqualTo(1);
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/review/rotation")
                        .json()
                        .get("done")
                        .asBoolean())
                .isFalse();

        cy.api().put("/api/v1/incidents/" + id + "/review", "{\"narrative\":\"What we saw.\"}");
        cy.api().put("/api/v1/incidents/" + id + "/review", "{\"state\":\"in_review\"}");
        Response published = cy.api().post("/api/v1/incidents/" + id + "/review/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);

        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/review/rotation")
                        .json()
                        .get("done")
                        .asBoolean())
                .isTrue();
        assertThat(openReviewsOf(cy))
                .as("a published review no longer weighs on the reviewer")
                .isZero();
    }

    @Test
    void someoneWhoWroteOnlyAfterTheFirst5000EntriesTookPartToo() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person cy = person(Role.RESPONDER);
        volunteer(bob);
        volunteer(cy);
        long id = declare(ada, "SEV2", "default");
        // An imported chat log (imports put nobody in the room): 5,000 lines, more than the room
        // shows, then Bob's only message, the 5,001st.
        java.time.Instant start = clock.instant().minus(java.time.Duration.ofHours(1));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            java.sql.Timestamp at = java.sql.Timestamp.from(start.plusMillis(i));
            rows.add(new Object[] {id, i < 5000 ? "filler " + i : "Found it", i < 5000 ? null : bob.id(), at, at});
        }
        jdbc.batchUpdate(
                "insert into timeline_entries (incident_id, kind, body, author_id, source, occurred_at, created_at)"
                        + " values (?, 'message', ?, ?, 'import', ?, ?)",
                rows);

        resolve(id);

        JsonNode assignment =
                ada.api().get("/api/v1/incidents/" + id + "/review/rotation").json();
        assertThat(assignment.get("reviewerId").asLong()).isEqualTo(cy.id());
        assertThat(assignment.get("reason").asString()).contains("1 volunteer skipped because they took part");
    }

    private int openReviewsOf(Person who) {
        for (JsonNode v : admin().get("/api/v1/review-rotation").json().get("volunteers")) {
            if (v.get("userId").asLong() == who.id()) {
                return v.get("openReviews").asInt();
            }
        }
        throw new AssertionError("not a volunteer: " + who.id());
    }

    @Test
    void loadStaysBalancedOverManyIncidents() {
        Person declarer = person(Role.RESPONDER);
        List<Person> pool = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pool.add(person(Role.RESPONDER));
            volunteer(pool.getLast());
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            long id = declare(declarer, i % 2 == 0 ? "SEV1" : "SEV3", "default");
            resolve(id);
            counts.merge(
                    admin().get("/api/v1/incidents/" + id + "/review/rotation")
                            .json()
                            .get("reviewerId")
                            .asLong(),
                    1,
                    Integer::sum);
        }
        assertThat(counts.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        pool.stream().map(Person::id).toList());
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(2, 3));
        JsonNode volunteers = admin().get("/api/v1/review-rotation").json().get("volunteers");
        assertThat(volunteers).extracting(v -> v.get("totalReviews").asInt()).containsOnly(2, 3);

        long sev4 = declare(declarer, "SEV4", "default");
        resolve(sev4);
        assertThat(admin().get("/api/v1/incidents/" + sev4 + "/review/rotation").status())
                .as("SEV4 is not in cairn.review.rotation-severities")
                .isEqualTo(404);
        long drill = declare(declarer, "SEV1", "drill");
        resolve(drill);
        assertThat(admin().get("/api/v1/incidents/" + drill + "/review/rotation")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void nobodyEligibleIsShownOnTheCardAndAdminsAreTold() {
        Person ada = person(Role.RESPONDER);
        Person boss = person(Role.ADMIN);
        volunteer(ada);
        long id = declare(ada, "SEV1", "default");
        resolve(id);

        Browser bosses = new Browser(port);
        bosses.signIn(boss.email(), boss.password());
        String card = bosses.get("/incidents/" + id + "/review/rotation").body();
        assertThat(card)
                .contains("No reviewer:", "Nobody eligible: all 1 volunteer took part", "Admins were told", "Reassign");
        JsonNode told = admin().get("/api/v1/notifications?topic=review:" + id + ":rotation")
                .json();
        assertThat(told)
                .extracting(d -> d.get("userId").asLong())
                .contains(boss.id())
                .doesNotContain(ada.id());
    }

    @Test
    void onlyAdminsAndTheCommanderReassignAndNeverToSomeoneWhoWasThere() {
        Person ada = person(Role.RESPONDER);
        Person cmd = person(Role.RESPONDER);
        Person other = person(Role.RESPONDER);
        Person fresh = person(Role.RESPONDER);
        long id = declare(ada, "SEV2", "default");
        admin().put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + cmd.id() + "}");
        resolve(id);

        Response refused = other.api()
                .put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + fresh.id() + ",\"reason\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        Response participant = cmd.api()
                .put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + ada.id() + ",\"reason\":\"x\"}");
        assertThat(participant.status()).isEqualTo(400);
        assertThat(participant.body()).contains("took part in the incident");
        Response noReason =
                cmd.api().put("/api/v1/incidents/" + id + "/review/rotation", "{\"reviewerId\":" + fresh.id() + "}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");

        Response done = cmd.api()
                .put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + fresh.id() + ",\"reason\":\"knows the payments code\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("reviewerId").asLong()).isEqualTo(fresh.id());
        assertThat(done.json().get("reason").asString()).endsWith(": knows the payments code");
        assertThat(admin().get("/api/v1/notifications?topic=review:" + id + ":rotation")
                        .json())
                .extracting(d -> d.get("userId").asLong())
                .contains(fresh.id());
    }

    @Test
    void aPrivateIncidentsReviewerIsAnAdminAndItsCardStaysPrivate() {
        Person member = person(Role.RESPONDER);
        Person responder = person(Role.RESPONDER);
        Person boss = person(Role.ADMIN);
        volunteer(responder);
        admin().put("/api/v1/review-rotation/volunteers/" + boss.id(), "");
        long id = declare(member, "SEV2", "private");
        member.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");

        JsonNode assignment =
                admin().get("/api/v1/incidents/" + id + "/review/rotation").json();
        assertThat(assignment.get("reviewerId").asLong()).isEqualTo(boss.id());
        assertThat(assignment.get("reason").asString())
                .contains("1 volunteer skipped: only admins may review a private incident");
        assertThat(responder
                        .api()
                        .get("/api/v1/incidents/" + id + "/review/rotation")
                        .status())
                .isEqualTo(404);
        Browser outsider = new Browser(port);
        outsider.signIn(responder.email(), responder.password());
        assertThat(outsider.get("/incidents/" + id + "/review/rotation").statusCode())
                .isEqualTo(404);
        assertThat(outsider.get("/reviews/rotation").body()).doesNotContain("INC-" + id + "<");
    }

    @Test
    void peopleVolunteerAndStepOutForThemselvesOnly() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        assertThat(ada.api()
                        .put("/api/v1/review-rotation/volunteers/" + bob.id(), "")
                        .status())
                .isEqualTo(403);
        assertThat(viewer.api()
                        .put("/api/v1/review-rotation/volunteers/" + viewer.id(), "")
                        .status())
                .isEqualTo(403);

        Browser adas = new Browser(port);
        adas.signIn(ada.email(), ada.password());
        assertThat(adas.get("/reviews/rotation").body()).contains("You are not in the rotation.");
        assertThat(adas.postForm("/reviews/rotation/join", Map.of(), "/reviews/rotation")
                        .statusCode())
                .isEqualTo(302);
        assertThat(adas.get("/reviews/rotation").body())
                .contains("Thank you: you are in the review rotation.", "You are in the rotation.", "not assigned yet");
        adas.postForm("/reviews/rotation/leave", Map.of(), "/reviews/rotation");
        assertThat(adas.get("/reviews/rotation").body()).contains("You are not in the rotation.");
    }

    private void volunteer(Person who) {
        Response joined = who.api().put("/api/v1/review-rotation/volunteers/" + who.id(), "");
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
    }

    private void resolve(long id) {
        Response resolved = admin().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    }

    static long declare(Person who, String severity, String type) {
        Response declared = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Review " + UUID.randomUUID().toString().substring(0, 6) + "\",\"severity\":\""
                                + severity + "\",\"type\":\"" + type + "\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        return declared.json().get("id").asLong();
    }
}
