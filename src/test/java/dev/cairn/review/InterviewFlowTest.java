package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.shared.TimeTravel;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The reviewer plans conversations with the people who were there and keeps notes per prompt. */
class InterviewFlowTest extends IntegrationTest {

    @Autowired
    Interviews interviews;

    @Autowired
    Jobs jobs;

    @Test
    void theReviewerInterviewsAParticipantWithPromptsAndNotesLinkedToMoments() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person rev = person(Role.RESPONDER);
        Person other = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        long id = RotationFlowTest.declare(ada, "SEV2", "default");
        long moment = bob.api()
                .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"The Consul graph looks odd\"}")
                .json()
                .get("id")
                .asLong();
        admin().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        Response given = admin().put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + rev.id() + ",\"reason\":\"test\"}");
        assertThat(given.status()).as(given.body()).isEqualTo(200);

        String schedule = "{\"intervieweeId\":" + bob.id() + ",\"scheduledAt\":\"2030-05-04T12:30:00Z\"}";
        assertThat(other.api()
                        .post("/api/v1/incidents/" + id + "/review/interviews", schedule)
                        .status())
                .isEqualTo(403);
        Response outsider = rev.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/interviews",
                        "{\"intervieweeId\":" + other.id() + ",\"scheduledAt\":\"2030-05-04T12:30:00Z\"}");
        assertThat(outsider.status()).isEqualTo(400);
        assertThat(outsider.body()).contains("did not take part");

        Response planned = rev.api().post("/api/v1/incidents/" + id + "/review/interviews", schedule);
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        long interview = planned.json().get("id").asLong();
        assertThat(planned.json().get("status").asString()).isEqualTo("planned");
        assertThat(planned.json().get("intervieweeName").asString()).isEqualTo("Test responder");
        assertThat(admin().get("/api/v1/notifications?topic=review:" + id + ":interview:" + interview)
                        .json())
                .extracting(d -> d.get("userId").asLong())
                .containsExactly(bob.id());

        String path = "/api/v1/incidents/" + id + "/review/interviews/" + interview;
        Response noted = rev.api()
                .put(
                        path + "/notes/knew",
                        "{\"body\":\"Knew the Consul leader flaps after deploys\",\"entryIds\":[" + moment + "]}");
        assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        assertThat(noted.json().get("notes").get(0).get("entryIds").get(0).asLong())
                .isEqualTo(moment);
        long elsewhere = RotationFlowTest.declare(ada, "SEV4", "default");
        long foreign = ada.api()
                .post("/api/v1/incidents/" + elsewhere + "/timeline", "{\"body\":\"x\"}")
                .json()
                .get("id")
                .asLong();
        Response wrongMoment = rev.api().put(path + "/notes/hard", "{\"body\":\"x\",\"entryIds\":[" + foreign + "]}");
        assertThat(wrongMoment.status()).isEqualTo(400);
        assertThat(wrongMoment.body()).contains("entryIds[0]");
        Response wrongPrompt = rev.api().put(path + "/notes/feelings", "{\"body\":\"x\"}");
        assertThat(wrongPrompt.status()).isEqualTo(400);
        assertThat(wrongPrompt.body()).contains("first-noticed, expecting, hard, knew, newcomer");
        Response wrongStatus = rev.api().patch(path, "{\"status\":\"finished\"}");
        assertThat(wrongStatus.status()).isEqualTo(400);
        assertThat(wrongStatus.body()).contains("planned, done, cancelled");
        assertThat(rev.api()
                        .patch(path, "{\"status\":\"done\"}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("done");

        Browser viewers = new Browser(port);
        viewers.signIn(viewer.email(), viewer.password());
        assertThat(viewers.get("/incidents/" + id + "/review/interviews").body())
                .contains("Test responder", "done")
                .doesNotContain("Plan and invite");
        String page = viewers.get("/incidents/" + id + "/review/interviews/" + interview)
                .body();
        assertThat(page)
                .contains(
                        "Tell me how you found out about this incident. What did you notice first?",
                        "If someone new to the team had been in your place, what would they have missed?",
                        "Knew the Consul leader flaps after deploys",
                        "The Consul graph looks odd",
                        "#entry-" + moment)
                .doesNotContain("Save note");

        Browser revs = new Browser(port);
        revs.signIn(rev.email(), rev.password());
        assertThat(revs.get("/incidents/" + id + "/review/interviews").body()).contains("Plan and invite");
        assertThat(revs.postForm(
                                "/incidents/" + id + "/review/interviews/" + interview + "/notes/newcomer",
                                Map.of("body", "Where the Consul dashboards are"),
                                "/incidents/" + id + "/review/interviews/" + interview)
                        .statusCode())
                .isEqualTo(302);
        JsonNode notes = rev.api().get(path).json().get("notes");
        assertThat(notes).extracting(n -> n.get("prompt").asString()).containsExactly("knew", "newcomer");
    }

    @Test
    void theIntervieweeIsToldOnceWhenTheInterviewMovesOrIsCancelledInTheirOwnTimeZone() {
        Person bob = person(Role.RESPONDER);
        Person rev = person(Role.RESPONDER);
        inZone(bob, "Europe/Paris");
        long id = resolvedWith(bob);
        long interview = plan(id, rev, bob);
        String path = "/api/v1/incidents/" + id + "/review/interviews/" + interview;
        String changes = "/api/v1/notifications?topic=review:" + id + ":interview:" + interview + ":changes";

        // Moved by the reviewer: the interviewee hears of it once, the reviewer who moved it not at all.
        String moved = "{\"scheduledAt\":\"2030-05-06T08:00:00Z\"}";
        assertThat(rev.api().patch(path, moved).status()).isEqualTo(200);
        assertThat(rev.api().patch(path, moved).status()).isEqualTo(200);
        assertThat(admin().get(changes).json())
                .extracting(d -> d.get("userId").asLong())
                .containsExactly(bob.id());
        String movedSubject = "[Cairn] Your interview on INC-" + id + " moved to Monday 6 May, 10:00 (Europe/Paris)";
        jobs.runDue();
        await().until(() -> subjects(bob).contains(movedSubject));

        // Replayed history (demo data) tells nobody.
        Actor reviewer = new Actor(rev.id(), rev.email(), "Test responder", Role.RESPONDER, null);
        TimeTravel.at(
                clock.instant(),
                () -> interviews.update(
                        id, interview, null, java.time.Instant.parse("2030-05-07T08:00:00Z"), reviewer));
        assertThat(admin().get(changes).json()).hasSize(1);

        // Cancelled by someone else (an admin, on the page): both the interviewee and the reviewer hear of it.
        Browser admins = new Browser(port);
        admins.signIn("admin@cairn.test", ADMIN_PASSWORD);
        assertThat(admins.postForm(
                                "/incidents/" + id + "/review/interviews/" + interview + "/status",
                                Map.of("status", "cancelled"),
                                "/incidents/" + id + "/review/interviews/" + interview)
                        .statusCode())
                .isEqualTo(302);
        assertThat(rev.api().patch(path, "{\"status\":\"cancelled\"}").status()).isEqualTo(200);
        assertThat(admin().get(changes).json())
                .extracting(d -> d.get("userId").asLong())
                .containsExactlyInAnyOrder(bob.id(), bob.id(), rev.id());
        String cancelled = "[Cairn] Your interview on INC-" + id + " was cancelled";
        jobs.runDue();
        await().until(() -> subjects(bob).contains(cancelled));
        await().until(() ->
                subjects(rev).contains("[Cairn] Your interview with Test responder on INC-" + id + " was cancelled"));
        assertThat(subjects(bob)).filteredOn(cancelled::equals).hasSize(1);
    }

    @Test
    void theReviewerMovesAPlannedInterviewOnItsPageInTheirOwnZone() {
        Person bob = person(Role.RESPONDER);
        Person rev = person(Role.RESPONDER);
        inZone(rev, "America/New_York");
        long id = resolvedWith(bob);
        long interview = plan(id, rev, bob);
        String page = "/incidents/" + id + "/review/interviews/" + interview;
        Browser revs = new Browser(port);
        revs.signIn(rev.email(), rev.password());
        assertThat(revs.get(page).body())
                .as("the form shows the planned time in the reviewer's zone")
                .contains("data-testid=\"interview-move\"", "value=\"2030-05-04T08:30\"", "(America/New_York)");

        assertThat(revs.postForm(page + "/time", Map.of("scheduledAt", "2030-05-06T09:00"), page)
                        .statusCode())
                .isEqualTo(302);
        assertThat(rev.api()
                        .get("/api/v1/incidents/" + id + "/review/interviews/" + interview)
                        .json()
                        .get("scheduledAt")
                        .asString())
                .isEqualTo("2030-05-06T13:00:00Z");
        assertThat(admin().get("/api/v1/notifications?topic=review:" + id + ":interview:" + interview + ":changes")
                        .json())
                .extracting(d -> d.get("userId").asLong())
                .containsExactly(bob.id());
        assertThat(revs.postForm(page + "/time", Map.of("scheduledAt", "next tuesday"), page)
                        .statusCode())
                .as("a time that is not one")
                .isEqualTo(400);

        Browser bobs = new Browser(port);
        bobs.signIn(bob.email(), bob.password());
        assertThat(bobs.get(page).body())
                .as("only the reviewer, commander or an admin moves it")
                .doesNotContain("data-testid=\"interview-move\"");
    }

    private static void inZone(Person who, String zone) {
        assertThat(who.api()
                        .patch("/api/v1/me", "{\"timeZone\":\"" + zone + "\"}")
                        .status())
                .isEqualTo(200);
    }

    /** A resolved SEV2 in which {@code participant} wrote. */
    private long resolvedWith(Person participant) {
        long id = RotationFlowTest.declare(person(Role.RESPONDER), "SEV2", "default");
        participant.api().post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"On it\"}");
        admin().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        return id;
    }

    /** {@code reviewer} becomes the incident's reviewer and plans an interview with {@code interviewee}. */
    private long plan(long id, Person reviewer, Person interviewee) {
        admin().put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + reviewer.id() + ",\"reason\":\"test\"}");
        return reviewer.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/interviews",
                        "{\"intervieweeId\":" + interviewee.id() + ",\"scheduledAt\":\"2030-05-04T12:30:00Z\"}")
                .json()
                .get("id")
                .asLong();
    }

    private static List<String> subjects(Person who) {
        return TestMail.to(who.email()).stream()
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (Exception e) {
                        return "";
                    }
                })
                .toList();
    }

    @Test
    void aPrivateIncidentsInterviewsStayPrivate() {
        Person member = person(Role.RESPONDER);
        Person outsider = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(member, "SEV2", "private");
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + id + "/review/interviews")
                        .status())
                .isEqualTo(404);
        Browser outsiders = new Browser(port);
        outsiders.signIn(outsider.email(), outsider.password());
        assertThat(outsiders.get("/incidents/" + id + "/review/interviews").statusCode())
                .isEqualTo(404);
    }
}
