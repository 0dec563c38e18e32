package dev.cairn.guidance;

import static dev.cairn.guidance.ChecklistFlowTest.declare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Nudges fire once, at the moment their threshold is reached as the clock moves (a nudge's time is
 * the moment its check ran, so a nudge raised early would show an earlier time), show on the card
 * until the condition stops, and stop with the incident.
 */
class NudgeFlowTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSev1NudgesForACommanderASilentRoomAndAMissingUpdateEachOnceThenStopsWhenResolved() {
        Person ada = person(Role.RESPONDER);
        Instant declared = clock.instant();
        long id = declare(ada, "SEV1", "default");

        move(Duration.ofMinutes(4));
        move(Duration.ofMinutes(1));
        JsonNode commander = awaitNudge(ada, id, "Nobody has been commander for 5 minutes");
        assertThat(instant(commander)).as("at 5 minutes, not before").isEqualTo(declared.plus(Duration.ofMinutes(5)));
        Browser browser = new Browser(port);
        browser.signIn(ada.email(), ada.password());
        assertThat(browser.get("/incidents/" + id + "/checklist").body())
                .contains("data-condition=\"no_commander\"", "One person should take command");
        assertThat(browser.get("/incidents/" + id).body())
                .as("the nudge is on the timeline")
                .contains("Nobody has been commander for 5 minutes");

        move(Duration.ofMinutes(1));
        admin().put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + ada.id() + "}");
        assertThat(browser.get("/incidents/" + id + "/checklist").body())
                .as("a commander ends the nudge")
                .doesNotContain("data-condition=\"no_commander\"");

        move(Duration.ofMinutes(13)); // 19 minutes
        move(Duration.ofMinutes(1)); // 20 minutes: the room has been silent since the declaration
        JsonNode silence = awaitNudge(ada, id, "The room has been quiet for 20 minutes on a SEV1");
        assertThat(instant(silence)).isEqualTo(declared.plus(Duration.ofMinutes(20)));

        move(Duration.ofMinutes(5)); // 25 minutes: someone posts an update
        ada.api().post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"Still looking\",\"kind\":\"update\"}");
        assertThat(browser.get("/incidents/" + id + "/checklist").body())
                .as("writing in the room ends the silence")
                .doesNotContain("data-condition=\"silence\"");
        move(Duration.ofMinutes(5)); // 30 minutes: the update 5 minutes ago counts
        move(Duration.ofMinutes(15)); // 45 minutes: quiet since the update at 25
        JsonNode quietAgain = awaitNudges(ada, id, "The room has been quiet", 2).getLast();
        assertThat(instant(quietAgain)).isEqualTo(declared.plus(Duration.ofMinutes(45)));
        move(Duration.ofMinutes(9)); // 54
        move(Duration.ofMinutes(1)); // 55 minutes: 30 minutes since the update
        JsonNode update = awaitNudge(ada, id, "No stakeholder update for 30 minutes");
        assertThat(instant(update)).isEqualTo(declared.plus(Duration.ofMinutes(55)));
        assertThat(nudges(ada, id, "Nobody has been commander"))
                .as("once per occurrence")
                .hasSize(1);

        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);
        int before = nudges(ada, id, "").size();
        move(Duration.ofHours(2));
        await().atMost(WAIT).until(() -> pendingChecks(id) == 0);
        assertThat(nudges(ada, id, "")).as("no nudge after resolving").hasSize(before);
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/checklist")
                        .json()
                        .get("nudges"))
                .isEmpty();
    }

    @Test
    void anUnacknowledgedPageNudgesAfterFiveMinutesAndADrillIsMarkedAsPractice() {
        Person ada = person(Role.RESPONDER);
        Instant declared = clock.instant();
        long id = declare(ada, "SEV3", "drill");
        long policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Guidance " + id + "\",\"steps\":[{\"delayMinutes\":30,\"targets\":[{\"kind\":"
                                + "\"user\",\"id\":" + ada.id() + "}]}]}")
                .json()
                .get("id")
                .asLong();
        Response page = ada.api()
                .post(
                        "/api/v1/pages",
                        "{\"policyId\":" + policy + ",\"title\":\"Drill page\",\"incidentId\":" + id + "}");
        assertThat(page.status()).as(page.body()).isEqualTo(201);

        move(Duration.ofMinutes(4));
        move(Duration.ofMinutes(1));
        JsonNode unacked = awaitNudge(
                ada,
                id,
                "Nobody has acknowledged page #" + page.json().get("id").asLong());
        assertThat(unacked.get("body").asString())
                .startsWith("Drill practice: ")
                .contains("(Drill page)");
        assertThat(instant(unacked)).isEqualTo(declared.plus(Duration.ofMinutes(5)));
        assertThat(nudges(ada, id, "Nobody has been commander"))
                .as("a SEV3 waits 15 minutes for a commander")
                .isEmpty();

        ada.api().post("/api/v1/pages/" + page.json().get("id").asLong() + "/acknowledge", "");
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/checklist")
                        .json()
                        .get("nudges"))
                .as("acknowledging ends the nudge")
                .isEmpty();

        move(Duration.ofMinutes(9));
        move(Duration.ofMinutes(1));
        JsonNode commander = awaitNudge(ada, id, "Drill practice: Nobody has been commander for 15 minutes");
        assertThat(instant(commander)).isEqualTo(declared.plus(Duration.ofMinutes(15)));

        move(Duration.ofMinutes(20));
        assertThat(nudges(ada, id, "No stakeholder update"))
                .as("a SEV3's stakeholders are not expected to get an update every 30 minutes")
                .isEmpty();
    }

    private void move(Duration by) {
        clock.advance(by);
        jobs.runDue();
        // Let the check that is due now run before time moves on, so each step is checked at its moment.
        await().atMost(WAIT).until(() -> dueChecks() == 0);
    }

    private long dueChecks() {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'guidance-check'"
                        + " and execution_time <= ?")
                .param(dev.cairn.shared.Times.db(clock.instant()))
                .query(Long.class)
                .single();
    }

    private long pendingChecks(long incidentId) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'guidance-check'"
                        + " and task_instance like ?")
                .param(incidentId + ":%")
                .query(Long.class)
                .single();
    }

    private JsonNode awaitNudge(Person who, long incident, String text) {
        return awaitNudges(who, incident, text, 1).getFirst();
    }

    private List<JsonNode> awaitNudges(Person who, long incident, String text, int count) {
        await().atMost(WAIT).until(() -> nudges(who, incident, text).size() >= count);
        List<JsonNode> found = nudges(who, incident, text);
        assertThat(found).hasSize(count);
        return found;
    }

    /** Nudge entries containing the text, oldest first. */
    private List<JsonNode> nudges(Person who, long incident, String text) {
        JsonNode items = who.api()
                .get("/api/v1/incidents/" + incident + "/timeline?limit=200")
                .json()
                .get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("kind").asString().equals("nudge"))
                .filter(e -> e.get("body").asString().contains(text))
                .toList()
                .reversed();
    }

    private static Instant instant(JsonNode entry) {
        return Instant.parse(entry.get("createdAt").asString());
    }
}
