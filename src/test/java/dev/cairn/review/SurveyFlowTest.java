package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Participants answer a short survey once, anonymously; results appear only in aggregate. */
class SurveyFlowTest extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/survey/[A-Za-z0-9_\\-]+)");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyParticipantAnswersOnceAndOnlyAggregatesFromThreeAnswersAreShown() throws Exception {
        List<Person> people =
                List.of(person(Role.RESPONDER), person(Role.RESPONDER), person(Role.RESPONDER), person(Role.RESPONDER));
        long id = RotationFlowTest.declare(people.get(0), "SEV2", "default");
        for (Person p : people.subList(1, 4)) {
            assertThat(p.api()
                            .post("/api/v1/incidents/" + id + "/participants", "{\"userId\":" + p.id() + "}")
                            .status())
                    .isIn(200, 201, 204);
        }
        Person boss = person(Role.ADMIN);
        Person viewer = person(Role.VIEWER);
        assertThat(boss.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);

        String first = surveyPath(people.get(0).email(), id);
        HttpResponse<String> form = send("GET", first, null, null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("INC-" + id, "How well did coordination work?", "data-testid=\"survey-form\"");
        assertThat(form.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> answered =
                send("POST", first, "application/x-www-form-urlencoded", form(4, "Slack thread was chaos"));
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("data-testid=\"survey-done\"");
        HttpResponse<String> again = send("POST", first, "application/x-www-form-urlencoded", form(1, "second try"));
        assertThat(again.statusCode()).as("no double answer").isEqualTo(409);
        assertThat(again.body()).contains("already answered");

        String second = surveyPath(people.get(1).email(), id);
        String json = "{\"coordination\":2,\"communication\":3,\"feelingDuring\":1,\"feelingAfter\":4,\"hours\":6,"
                + "\"freeText\":\"I did not know who the commander was\"}";
        assertThat(send("POST", "/api/v1" + second.replace("/survey/", "/surveys/"), "application/json", json)
                        .statusCode())
                .isEqualTo(204);
        assertThat(send("POST", "/api/v1" + second.replace("/survey/", "/surveys/"), "application/json", json)
                        .statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/api/v1/surveys/not-a-link", "application/json", json)
                        .statusCode())
                .isEqualTo(404);
        String bad = send(
                        "POST",
                        "/api/v1" + surveyPath(people.get(2).email(), id).replace("/survey/", "/surveys/"),
                        "application/json",
                        json.replace("\"coordination\":2", "\"coordination\":9"))
                .body();
        assertThat(bad).contains("coordination", "from 1 (worst) to 5 (best)");

        JsonNode two = boss.api().get("/api/v1/incidents/" + id + "/survey").json();
        assertThat(two.get("invited").asInt())
                .as("four participants and the admin who resolved")
                .isEqualTo(5);
        assertThat(two.get("responded").asInt()).isEqualTo(2);
        assertThat(two.get("shown").asBoolean()).isFalse();
        assertThat(two.get("coordination").isNull()).isTrue();
        assertThat(two.get("comments")).isEmpty();
        assertThat(two.toString()).doesNotContain("Slack thread was chaos");

        Browser bosses = new Browser(port);
        bosses.signIn(boss.email(), boss.password());
        assertThat(bosses.get("/incidents/" + id + "/survey/card").body())
                .contains("2 of 5 answered", "results are shown when the survey closes on", "Answer the survey")
                .doesNotContain("Coordination");

        // The third answer, signed in, from the incident's survey page.
        Browser thirds = new Browser(port);
        thirds.signIn(people.get(3).email(), people.get(3).password());
        assertThat(thirds.postForm(
                                "/incidents/" + id + "/survey",
                                Map.of(
                                        "coordination", "3",
                                        "communication", "3",
                                        "feelingDuring", "3",
                                        "feelingAfter", "3",
                                        "hours", "2",
                                        "freeText", "Good runbook"),
                                "/incidents/" + id + "/survey")
                        .statusCode())
                .isEqualTo(302);
        assertThat(thirds.get("/incidents/" + id + "/survey").body())
                .contains("Thank you. Your answer is stored without your name.")
                .doesNotContain("data-testid=\"survey-form\"");

        JsonNode open = viewer.api().get("/api/v1/incidents/" + id + "/survey").json();
        assertThat(open.get("responded").asInt()).isEqualTo(3);
        assertThat(open.get("shown").asBoolean())
                .as("three answers, but the survey is open: a 4th answer would move the means by one person's")
                .isFalse();
        assertThat(open.get("closed").asBoolean()).isFalse();
        assertThat(open.get("note").asString())
                .contains("3 of 5 answered; results are shown when the survey closes on");

        // Two weeks later the survey has closed: results are shown, and a late answer is refused.
        clock.advance(java.time.Duration.ofDays(14));
        JsonNode three = viewer.api().get("/api/v1/incidents/" + id + "/survey").json();
        assertThat(three.get("closed").asBoolean()).isTrue();
        assertThat(three.get("shown").asBoolean()).isTrue();
        assertThat(three.get("responded").asInt()).isEqualTo(3);
        assertThat(three.get("responseRate").asDouble()).isEqualTo(0.6);
        assertThat(three.get("coordination").asDouble()).isEqualTo(3.0);
        assertThat(three.get("feelingDuring").asDouble()).isEqualTo(2.3);
        assertThat(three.get("totalHours").asDouble()).isEqualTo(11.0);
        assertThat(three.get("comments"))
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(
                        "Slack thread was chaos", "I did not know who the commander was", "Good runbook");

        HttpResponse<String> late = send(
                "POST",
                "/api/v1" + surveyPath(people.get(2).email(), id).replace("/survey/", "/surveys/"),
                "application/json",
                json);
        assertThat(late.statusCode()).as("the survey has closed").isEqualTo(409);
        assertThat(late.body()).contains("This survey closed on");
        assertThat(viewer.api()
                        .get("/api/v1/incidents/" + id + "/survey")
                        .json()
                        .get("responded")
                        .asInt())
                .isEqualTo(3);

        // Anonymity: nothing an admin can read ties an answer to a person.
        String everything =
                boss.api().get("/api/v1/incidents/" + id + "/survey").body()
                        + bosses.get("/incidents/" + id + "/survey").body()
                        + bosses.get("/incidents/" + id + "/survey/card").body()
                        + bosses.get("/reviews/surveys").body()
                        + boss.api().get("/api/v1/survey-trends").body();
        for (Person p : people) {
            assertThat(everything).doesNotContain(p.email()).doesNotContain("\"userId\":" + p.id());
        }
        assertThat(everything).doesNotContain("Test responder");
        assertThat(admin().get("/api/v1/audit?action=survey").body()).doesNotContain("Slack thread");
    }

    @Test
    void aPrivateIncidentsSurveyStaysPrivate() {
        Person member = person(Role.RESPONDER);
        Person outsider = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(member, "SEV1", "private");
        member.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        assertThat(member.api()
                        .get("/api/v1/incidents/" + id + "/survey")
                        .json()
                        .get("invited")
                        .asInt())
                .isEqualTo(1);
        assertThat(outsider.api().get("/api/v1/incidents/" + id + "/survey").status())
                .isEqualTo(404);
        Browser outsiders = new Browser(port);
        outsiders.signIn(outsider.email(), outsider.password());
        assertThat(outsiders.get("/incidents/" + id + "/survey/card").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anIncidentResolvedAgainAfterItsSurveyClosedInvitesNobodyNew() {
        Person ada = person(Role.RESPONDER);
        Person cy = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV2", "default");
        assertThat(admin().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);
        int invited = admin().get("/api/v1/incidents/" + id + "/survey")
                .json()
                .get("invited")
                .asInt();
        assertThat(invited).isPositive();

        clock.advance(java.time.Duration.ofDays(15));
        assertThat(admin().patch("/api/v1/incidents/" + id, "{\"status\":\"investigating\"}")
                        .status())
                .isEqualTo(200);
        assertThat(cy.api()
                        .post("/api/v1/incidents/" + id + "/participants", "{\"userId\":" + cy.id() + "}")
                        .status())
                .isIn(200, 201, 204);
        assertThat(admin().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);

        JsonNode after = admin().get("/api/v1/incidents/" + id + "/survey").json();
        assertThat(after.get("invited").asInt())
                .as("a late answer would move figures already shown")
                .isEqualTo(invited);
        assertThat(after.get("closed").asBoolean()).isTrue();
    }

    @Test
    void drillsAndLowSeveritiesGetNoSurvey() {
        Person ada = person(Role.RESPONDER);
        long drill = RotationFlowTest.declare(ada, "SEV1", "drill");
        long sev4 = RotationFlowTest.declare(ada, "SEV4", "default");
        for (long id : List.of(drill, sev4)) {
            ada.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
            JsonNode results =
                    ada.api().get("/api/v1/incidents/" + id + "/survey").json();
            assertThat(results.get("invited").asInt()).isZero();
            assertThat(results.get("note").asString()).isEqualTo("No survey was sent for this incident.");
        }
    }

    private static String form(int score, String text) {
        return "coordination=" + score + "&communication=5&feelingDuring=3&feelingAfter=4&hours=3&freeText="
                + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String surveyPath(String email, long incident) {
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        TestMail.to(email).stream().anyMatch(m -> subject(m).contains("INC-" + incident)));
        try {
            MimeMessage mail = TestMail.to(email).stream()
                    .filter(m -> subject(m).contains("INC-" + incident))
                    .findFirst()
                    .orElseThrow();
            Matcher link = LINK.matcher(text(mail.getContent()));
            assertThat(link.find()).as("a survey link in the e-mail").isTrue();
            return link.group(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private static String text(Object content) throws Exception {
        if (content instanceof String s) {
            return s;
        }
        Multipart multipart = (Multipart) content;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            all.append(text(part.getContent()));
        }
        return all.toString();
    }
}
