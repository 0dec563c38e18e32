package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.TimeTravel;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * One survey reminder per person who has not answered, three days after the invitation and only while
 * the survey is open, with a new link; interview reminders an hour before, once, never for a
 * cancelled interview. Both fenced so that two executions remind once.
 */
class ReviewRemindersTest extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/survey/[A-Za-z0-9_\\-]+)");
    private static final String ANSWER =
            "{\"coordination\":4,\"communication\":4,\"feelingDuring\":3,\"feelingAfter\":4,\"hours\":2}";

    @Autowired
    Jobs jobs;

    @Autowired
    SurveyReminders surveyReminders;

    @Autowired
    Incidents incidents;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSurveyReminderGoesOnceToWhoHasNotAnsweredThreeDaysAfterTheInvitation() throws Exception {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV2", "default");
        join(bob, id);
        resolve(ada, id);
        String adasFirst = link(ada.email(), id, "Two minutes on");
        String bobsLink = link(bob.email(), id, "Two minutes on");
        assertThat(status("POST", "/api/v1" + bobsLink.replace("/survey/", "/surveys/"), ANSWER))
                .isEqualTo(204);

        clock.advance(Duration.ofDays(3).minusMinutes(1));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> reminders(ada.email(), id).isEmpty());

        clock.advance(Duration.ofMinutes(2));
        jobs.runDue();
        await().until(() -> reminders(ada.email(), id).size() == 1);
        MimeMessage reminder = reminders(ada.email(), id).getFirst();
        Instant closesAt = Instant.parse(ada.api()
                .get("/api/v1/incidents/" + id + "/survey")
                .json()
                .get("closesAt")
                .asString());
        String closes = java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneId.of("Europe/Paris"))
                .format(closesAt);
        assertThat(reminder.getSubject()).isEqualTo("[Cairn] Reminder: two minutes on INC-" + id + " before " + closes);
        assertThat(TestMail.text(reminder))
                .contains("closes on " + closes, "anonymous as before", "This link replaces the one in the first");

        String adasNew = link(ada.email(), id, "Reminder");
        assertThat(adasNew).isNotEqualTo(adasFirst);
        assertThat(status("GET", adasFirst, null))
                .as("the first link was replaced")
                .isEqualTo(404);
        assertThat(status("GET", adasNew, null)).isEqualTo(200);
        assertThat(ada.api()
                        .get("/api/v1/users/" + ada.id() + "/notifications")
                        .json()
                        .get("items"))
                .as("the reminder is one of ada's deliveries, on the survey's topic")
                .filteredOn(d -> d.get("topic").asString().equals("survey:" + id))
                .hasSize(2);

        clock.advance(Duration.ofDays(1));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> reminders(ada.email(), id).size() == 1);
        assertThat(reminders(bob.email(), id)).as("bob answered").isEmpty();
        assertThat(status("POST", "/api/v1" + adasNew.replace("/survey/", "/surveys/"), ANSWER))
                .isEqualTo(204);
    }

    @Test
    void someoneInvitedLateIsNotRemindedOnceTheSurveyHasClosed() throws Exception {
        Person ada = person(Role.RESPONDER);
        Person cy = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV1", "default");
        resolve(ada, id);
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        jobs.runDue();
        await().until(() -> reminders(ada.email(), id).size() == 1);

        // Reopened on day 12; cy joins and is invited when it resolves again, two days before it closes.
        clock.advance(Duration.ofDays(9));
        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"investigating\"}")
                        .status())
                .isEqualTo(200);
        join(cy, id);
        resolve(ada, id);
        link(cy.email(), id, "Two minutes on");

        clock.advance(Duration.ofDays(3).plusMinutes(1));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> reminders(cy.email(), id).isEmpty());
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/survey")
                        .json()
                        .get("closed")
                        .asBoolean())
                .isTrue();
        assertThat(reminders(ada.email(), id)).hasSize(1);
    }

    @Test
    void twoExecutionsForOnePersonRemindOnce() throws Exception {
        Person ada = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV2", "default");
        resolve(ada, id);
        link(ada.email(), id, "Two minutes on");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> surveyReminders.remind(id, ada.id()));
            Future<?> second = pool.submit(() -> surveyReminders.remind(id, ada.id()));
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        // The scheduled execution, when due, finds the reminder claimed too.
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        jobs.runDue();
        await().until(() -> reminders(ada.email(), id).size() == 1);
        await().during(Duration.ofMillis(800))
                .until(() -> reminders(ada.email(), id).size() == 1);
        assertThat(admin().get("/api/v1/notifications?topic=survey:" + id).json())
                .hasSize(2);
    }

    @Test
    void invitationsWrittenAsHistoryGetNoReminder() {
        Person ada = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV2", "default");
        Actor actor = new Actor(ada.id(), ada.email(), "Test responder", Role.RESPONDER, null);
        TimeTravel.at(
                clock.instant().plusSeconds(60), () -> incidents.changeStatus(id, IncidentStatus.RESOLVED, actor));
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/survey")
                        .json()
                        .get("invited")
                        .asInt())
                .isEqualTo(1);
        clock.advance(Duration.ofDays(3).plusMinutes(5));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> reminders(ada.email(), id).isEmpty());
        assertThat(admin().get("/api/v1/notifications?topic=survey:" + id).json())
                .isEmpty();
    }

    @Test
    void bothPeopleAreRemindedOnceAnHourBeforeAnInterviewAndNotForACancelledOne() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person rev = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV3", "default");
        join(bob, id);
        resolve(ada, id);
        Response given = admin().put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + rev.id() + ",\"reason\":\"test\"}");
        assertThat(given.status()).as(given.body()).isEqualTo(200);
        Instant at = clock.instant().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long kept = plan(rev, id, bob.id(), at);
        long cancelled = plan(rev, id, ada.id(), at);
        assertThat(rev.api()
                        .patch(
                                "/api/v1/incidents/" + id + "/review/interviews/" + cancelled,
                                "{\"status\":\"cancelled\"}")
                        .status())
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(119));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> interviewReminders(id, kept).isEmpty());

        clock.advance(Duration.ofMinutes(2));
        jobs.runDue();
        await().until(() -> interviewReminders(id, kept).size() == 2);
        assertThat(interviewReminders(id, kept))
                .extracting(d -> d.get("userId").asLong())
                .containsExactlyInAnyOrder(bob.id(), rev.id());
        await().until(() -> TestMail.to(bob.email()).stream()
                .anyMatch(
                        m -> subject(m).equals("[Cairn] In 59 minutes: talking with Test responder about INC-" + id)));
        await().until(() -> TestMail.to(rev.email()).stream()
                .anyMatch(m -> subject(m)
                        .equals("[Cairn] In 59 minutes: your interview with Test responder about INC-" + id)));

        clock.advance(Duration.ofMinutes(30));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> interviewReminders(id, kept).size() == 2);
        assertThat(interviewReminders(id, cancelled)).as("cancelled").isEmpty();
        assertThat(TestMail.to(ada.email()).stream().filter(m -> subject(m).contains("talking with")))
                .isEmpty();
    }

    @Test
    void anInterviewMovedToANearerTimeIsRemindedOnceForTheNewTime() {
        Person ada = person(Role.RESPONDER);
        Person rev = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV3", "default");
        resolve(ada, id);
        admin().put(
                        "/api/v1/incidents/" + id + "/review/rotation",
                        "{\"reviewerId\":" + rev.id() + ",\"reason\":\"test\"}");
        Instant at = clock.instant().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long interview = plan(rev, id, ada.id(), at);
        Instant sooner =
                clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(rev.api()
                        .patch(
                                "/api/v1/incidents/" + id + "/review/interviews/" + interview,
                                "{\"scheduledAt\":\"" + sooner + "\"}")
                        .status())
                .isEqualTo(200);
        jobs.runDue();
        await().until(() -> interviewReminders(id, interview).size() == 2);

        // The execution armed for the first time finds the interview moved and reminded.
        clock.advance(Duration.ofDays(2));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> interviewReminders(id, interview).size() == 2);
    }

    private long plan(Person reviewer, long incident, long who, Instant at) {
        Response planned = reviewer.api()
                .post(
                        "/api/v1/incidents/" + incident + "/review/interviews",
                        "{\"intervieweeId\":" + who + ",\"scheduledAt\":\"" + at + "\"}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        return planned.json().get("id").asLong();
    }

    private List<JsonNode> interviewReminders(long incident, long interview) {
        List<JsonNode> all = new java.util.ArrayList<>();
        admin().get("/api/v1/notifications?topic=review:" + incident + ":interview:" + interview)
                .json()
                .forEach(all::add);
        // Oldest first: the invitation to the interviewee, then the reminders.
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    private void join(Person who, long incident) {
        assertThat(who.api()
                        .post("/api/v1/incidents/" + incident + "/participants", "{\"userId\":" + who.id() + "}")
                        .status())
                .isIn(200, 201, 204);
    }

    private static void resolve(Person who, long incident) {
        assertThat(who.api()
                        .patch("/api/v1/incidents/" + incident, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);
    }

    private static List<MimeMessage> reminders(String email, long incident) {
        return TestMail.to(email).stream()
                .filter(m -> subject(m).startsWith("[Cairn] Reminder: two minutes on INC-" + incident + " "))
                .toList();
    }

    /** The survey link in the newest e-mail to this person whose subject has {@code subject} and the incident. */
    private static String link(String email, long incident, String subject) {
        Pattern about = Pattern.compile(Pattern.quote(subject) + ".*INC-" + incident + "\\b");
        await().until(() -> TestMail.to(email).stream()
                .anyMatch(m -> about.matcher(subject(m)).find()));
        MimeMessage mail = TestMail.to(email).stream()
                .filter(m -> about.matcher(subject(m)).find())
                .reduce((a, b) -> b)
                .orElseThrow();
        Matcher found = LINK.matcher(TestMail.text(mail));
        assertThat(found.find()).as("a survey link in the e-mail").isTrue();
        return found.group(1);
    }

    private int status(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            return "";
        }
    }
}
