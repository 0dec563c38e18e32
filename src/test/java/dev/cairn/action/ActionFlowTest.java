package dev.cairn.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.Teams;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Action items are proposed, then decided explicitly — do (owner and due date), won't do (a
 * reason), later — with every decision recorded and on the timeline; overdue items show per team;
 * private incidents' items stay private everywhere.
 */
class ActionFlowTest extends IntegrationTest {

    @Autowired
    Teams teams;

    @Test
    void anItemIsProposedDecidedAndDoneWithEveryDecisionRecordedAndOnTheTimeline() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long incident = declare(ada, "default");

        Response proposed = ada.api()
                .post(
                        "/api/v1/incidents/" + incident + "/actions",
                        "{\"title\":\"Alert on disk usage\",\"description\":\"Page **before** the disk fills.\"}");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.json().get("id").asLong();
        assertThat(proposed.json().get("decision").asString()).isEqualTo("proposed");
        assertThat(proposed.json().get("descriptionHtml").asString()).contains("<strong>before</strong>");
        String path = "/api/v1/incidents/" + incident + "/actions/" + id;

        Response later = bob.api()
                .patch(
                        path,
                        "{\"decision\":\"later\",\"revisitOn\":\"2030-01-15\",\"reason\":\"after the migration\"}");
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        String due = LocalDate.now(clock).plusDays(14).toString();
        Response decided = ada.api()
                .patch(
                        path,
                        "{\"decision\":\"do\",\"ownerId\":" + bob.id() + ",\"dueOn\":\"" + due
                                + "\",\"reason\":\"cheap\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        JsonNode item = decided.json();
        assertThat(item.get("decision").asString()).isEqualTo("do");
        assertThat(item.get("ownerName").asString()).isEqualTo("Test responder");
        assertThat(item.get("dueOn").asString()).isEqualTo(due);
        assertThat(item.get("overdue").asBoolean()).isFalse();
        JsonNode decisions = item.get("decisions");
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).get("decision").asString()).isEqualTo("later");
        assertThat(decisions.get(0).get("decidedBy").asLong()).isEqualTo(bob.id());
        assertThat(decisions.get(0).get("reason").asString()).isEqualTo("after the migration");
        assertThat(decisions.get(1).get("decision").asString()).isEqualTo("do");
        assertThat(decisions.get(1).get("decidedBy").asLong()).isEqualTo(ada.id());

        Response done = bob.api().patch(path, "{\"done\":true}");
        assertThat(done.json().get("done").asBoolean()).isTrue();
        assertThat(done.json().get("doneByName").asString()).isEqualTo("Test responder");

        List<String> timeline = timeline(ada, incident);
        assertThat(timeline)
                .contains(
                        "Action proposed: \u201cAlert on disk usage\u201d (Test responder)",
                        "Action decided later: \u201cAlert on disk usage\u201d, revisit on 2030-01-15, after the migration (Test responder)",
                        "Action decided do: \u201cAlert on disk usage\u201d, owner Test responder, due " + due
                                + " (Test responder)",
                        "Action done: \u201cAlert on disk usage\u201d (Test responder)");
        assertThat(ada.api().get("/api/v1/incidents/" + incident + "/actions").json())
                .hasSize(1);
    }

    @Test
    void decisionsAreValidatedWithClearReasonsAndNothingIsLost() {
        Person ada = person(Role.RESPONDER);
        long incident = declare(ada, "default");
        long id = propose(ada, incident, "Add a runbook");
        String path = "/api/v1/incidents/" + incident + "/actions/" + id;

        Response noOwner = ada.api().patch(path, "{\"decision\":\"do\",\"dueOn\":\"2030-01-01\"}");
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.json().get("errors").get(0).get("reason").asString())
                .isEqualTo("Deciding 'do' needs an owner and a due date");
        Response noReason = ada.api().patch(path, "{\"decision\":\"wont_do\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
        assertThat(noReason.body()).contains("Deciding 'won't do' needs a reason");
        Response unknown = ada.api().patch(path, "{\"decision\":\"maybe\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("decision", "proposed, do, wont_do, later");
        Response badDate =
                ada.api().patch(path, "{\"decision\":\"do\",\"ownerId\":" + ada.id() + ",\"dueOn\":\"next week\"}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("dueOn", "2026-05-31");
        assertThat(ada.api().patch(path, "{\"done\":true}").status())
                .as("only items decided do can be done")
                .isEqualTo(409);
        assertThat(ada.api()
                        .post("/api/v1/incidents/" + incident + "/actions", "{\"title\":\"  \"}")
                        .status())
                .isEqualTo(400);
        assertThat(ada.api()
                        .patch(path, "{\"decision\":\"do\",\"ownerId\":999999999,\"dueOn\":\"2030-01-01\"}")
                        .status())
                .isEqualTo(400);

        JsonNode still = ada.api().get(path).json();
        assertThat(still.get("decision").asString())
                .as("refused changes change nothing")
                .isEqualTo("proposed");
        assertThat(still.get("decisions")).isEmpty();
        assertThat(ada.api()
                        .patch(path, "{\"decision\":\"wont_do\",\"reason\":\"the service is retired in May\"}")
                        .json()
                        .get("reason")
                        .asString())
                .isEqualTo("the service is retired in May");
    }

    @Test
    void theCardProposesAndDecidesAndShowsWhyADecisionWasRefused() {
        Person ada = person(Role.RESPONDER);
        long incident = declare(ada, "default");
        Browser browser = signedIn(ada);
        String card = "/incidents/" + incident + "/actions/card";

        var proposed = browser.postHtmx(
                "/incidents/" + incident + "/actions",
                Map.of("title", "Rate-limit the importer", "description", "so a retry storm cannot *starve* the API"),
                card);
        assertThat(proposed.statusCode()).isEqualTo(200);
        assertThat(proposed.body())
                .contains("Rate-limit the importer", "<em>starve</em>", "undecided", "0 of 1 decided");
        long id = ada.api()
                .get("/api/v1/incidents/" + incident + "/actions")
                .json()
                .get(0)
                .get("id")
                .asLong();

        var refused = browser.postHtmx(
                "/incidents/" + incident + "/actions/" + id + "/decide",
                Map.of("decision", "do", "ownerId", "", "dueOn", ""),
                card);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Deciding &#39;do&#39; needs an owner and a due date");

        var decided = browser.postHtmx(
                "/incidents/" + incident + "/actions/" + id + "/decide",
                Map.of("decision", "do", "ownerId", String.valueOf(ada.id()), "dueOn", "2031-02-03"),
                card);
        assertThat(decided.body())
                .contains("1 of 1 decided", "due <span>2031-02-03</span>", "Mark done")
                .doesNotContain("Deciding &#39;do&#39;");
        var done =
                browser.postForm("/incidents/" + incident + "/actions/" + id + "/done", Map.of("done", "true"), card);
        assertThat(done.statusCode()).as("without htmx: back to the incident").isEqualTo(302);
        assertThat(browser.get(card).body()).contains("1 of 1 done", "done by Test responder");
        assertThat(browser.get("/incidents/" + incident).body())
                .as("the room's timeline shows the decisions")
                .contains("Action decided do: \u201cRate-limit the importer\u201d");
    }

    @Test
    void viewersReadAndOutsidersOfAPrivateIncidentSeeNothingAnywhere() {
        Person ada = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        Person outsider = person(Role.RESPONDER);
        long open = declare(ada, "default");
        long openItem = propose(ada, open, "Public lesson " + UUID.randomUUID());
        assertThat(viewer.api().get("/api/v1/incidents/" + open + "/actions").status())
                .isEqualTo(200);
        assertThat(viewer.api()
                        .post("/api/v1/incidents/" + open + "/actions", "{\"title\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(viewer.api()
                        .patch("/api/v1/incidents/" + open + "/actions/" + openItem, "{\"decision\":\"later\"}")
                        .status())
                .isEqualTo(403);
        String viewerCard =
                signedIn(viewer).get("/incidents/" + open + "/actions/card").body();
        assertThat(viewerCard).contains("Public lesson").doesNotContain("Propose an action", "/decide");

        long secret = declare(ada, "private");
        String secretTitle = "Secret lesson " + UUID.randomUUID();
        long secretItem = propose(ada, secret, secretTitle);
        decideDo(ada, secret, secretItem, ada.id(), LocalDate.now(clock).minusDays(3));
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + secret + "/actions")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + secret + "/actions/" + secretItem)
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .patch("/api/v1/incidents/" + secret + "/actions/" + secretItem, "{\"done\":true}")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + open + "/actions/" + secretItem)
                        .status())
                .as("an item of another incident")
                .isEqualTo(404);
        assertThat(signedIn(outsider)
                        .get("/incidents/" + secret + "/actions/card")
                        .statusCode())
                .isEqualTo(404);
        assertThat(outsider.api().get("/api/v1/actions?limit=200").body()).doesNotContain(secretTitle);
        assertThat(outsider.api().get("/api/v1/actions?overdue=true&limit=200").body())
                .doesNotContain(secretTitle);
        assertThat(signedIn(outsider).get("/actions?overdue=true").body()).doesNotContain(secretTitle);
        assertThat(ada.api().get("/api/v1/actions?overdue=true&limit=200").body())
                .as("a member sees it")
                .contains(secretTitle);
        assertThat(admin().get("/api/v1/actions?overdue=true&limit=200").body())
                .as("so does an admin")
                .contains(secretTitle);
    }

    @Test
    void overdueItemsShowPerTeamOfTheOwnerAsTheClockMoves() {
        Person ada = person(Role.RESPONDER);
        Person owner = person(Role.RESPONDER);
        var team = teams.create("Storage " + UUID.randomUUID().toString().substring(0, 6), "", Actor.SYSTEM);
        teams.addMember(team.id(), owner.id(), Actor.SYSTEM);
        long incident = declare(ada, "default");
        long item = propose(ada, incident, "Grow the volume alarms");
        long other = propose(ada, incident, "Write the failover drill");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        decideDo(ada, incident, item, owner.id(), today.plusDays(1));
        decideDo(ada, incident, other, owner.id(), today.plusDays(30));
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + incident + "/actions/" + item)
                        .json()
                        .get("teamName")
                        .asString())
                .as("the owner's team")
                .isEqualTo(team.name());

        String overdue = "/api/v1/actions?overdue=true&team=" + team.id();
        assertThat(ada.api().get(overdue).json().get("items")).isEmpty();

        clock.advance(Duration.ofDays(2));
        JsonNode items = ada.api().get(overdue).json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("title").asString()).isEqualTo("Grow the volume alarms");
        assertThat(items.get(0).get("overdue").asBoolean()).isTrue();
        JsonNode counts =
                ada.api().get("/api/v1/actions/counts?team=" + team.id()).json().get(0);
        assertThat(counts.get("toDo").asInt()).isEqualTo(2);
        assertThat(counts.get("overdue").asInt()).isEqualTo(1);
        assertThat(counts.get("done").asInt()).isZero();

        String page =
                signedIn(ada).get("/actions?overdue=true&team=" + team.id()).body();
        assertThat(page)
                .contains("Grow the volume alarms", "overdue", team.name())
                .doesNotContain("Write the failover drill");

        ada.api().patch("/api/v1/incidents/" + incident + "/actions/" + item, "{\"done\":true}");
        assertThat(ada.api().get(overdue).json().get("items"))
                .as("done is never overdue")
                .isEmpty();
        assertThat(ada.api().get("/api/v1/actions?state=maybe").status()).isEqualTo(400);
    }

    static long declare(Person who, String type) {
        Response declared = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Actions " + UUID.randomUUID().toString().substring(0, 6)
                                + "\",\"severity\":\"SEV2\",\"type\":\"" + type + "\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        return declared.json().get("id").asLong();
    }

    static long propose(Person who, long incident, String title) {
        Response proposed =
                who.api().post("/api/v1/incidents/" + incident + "/actions", "{\"title\":\"" + title + "\"}");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        return proposed.json().get("id").asLong();
    }

    static JsonNode decideDo(Person who, long incident, long item, long owner, LocalDate due) {
        Response decided = who.api()
                .patch(
                        "/api/v1/incidents/" + incident + "/actions/" + item,
                        "{\"decision\":\"do\",\"ownerId\":" + owner + ",\"dueOn\":\"" + due + "\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        return decided.json();
    }

    static List<String> timeline(Person who, long incident) {
        return StreamSupport.stream(
                        who.api()
                                .get("/api/v1/incidents/" + incident + "/timeline?limit=200")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .map(e -> e.get("body").asString())
                .toList();
    }

    Browser signedIn(Person who) {
        Browser browser = new Browser(port);
        assertThat(browser.signIn(who.email(), who.password()).statusCode()).isEqualTo(302);
        return browser;
    }
}
