package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.action.ActionItems;
import dev.cairn.action.ChangeAction;
import dev.cairn.action.ProposeAction;
import dev.cairn.catalog.NewService;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.Teams;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.review.ReviewReads;
import dev.cairn.review.ReviewSections;
import dev.cairn.review.ReviewState;
import dev.cairn.review.ReviewWorkflow;
import dev.cairn.review.Reviews;
import dev.cairn.review.SurveyAnswer;
import dev.cairn.review.Surveys;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Learning health on a small hand-made history of one service, Quill (all times UTC):
 *
 * <ul>
 *   <li>I1 SEV1, May 2025: Ariel, Bo, Cy take part; all three answer the survey; review published
 *       and read by Dee and Eve; actions: one done, one overdue, one won't do.
 *   <li>I2 SEV2, May: Ariel and Bo; Ariel answers (alone: her answer never counts in scores);
 *       review a draft; one action undecided.
 *   <li>I3 SEV4, May: Ariel alone; no review required, no survey; review published, unread.
 *   <li>I4 SEV2, declared 31 May 23:00, resolved 1 June 01:00 (so it counts in June): Ariel and Bo,
 *       both answer.
 *   <li>I5 SEV1 private, June: Bo alone, does not answer.
 *   <li>I6 drill, June: game-day write-up published.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearningHealthTest extends IntegrationTest {

    @Autowired
    Incidents incidents;

    @Autowired
    IncidentPeople people;

    @Autowired
    Teams teams;

    @Autowired
    Services services;

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    Reviews reviews;

    @Autowired
    ReviewWorkflow workflow;

    @Autowired
    ReviewReads reads;

    @Autowired
    Surveys surveys;

    @Autowired
    ActionItems actions;

    Person ariel;
    Person bo;
    Person cy;
    Person dee;
    Person eve;
    long quill;
    String query;

    @BeforeAll
    void history() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ariel = person(Role.RESPONDER);
        bo = person(Role.RESPONDER);
        cy = person(Role.RESPONDER);
        dee = person(Role.RESPONDER);
        eve = person(Role.RESPONDER);
        long team = teams.create("Scribes " + tag, "", Actor.SYSTEM).id();
        quill = services.create(new NewService("Quill " + tag, "", team, 1, List.of()), Actor.SYSTEM)
                .id();

        at("2025-05-05T10:00:00Z");
        long i1 = declare(ariel, "Quill down " + tag, "SEV1", IncidentType.DEFAULT);
        people.join(i1, bo.id(), "added", actor(ariel));
        people.join(i1, cy.id(), "added", actor(ariel));
        at("2025-05-05T12:00:00Z");
        incidents.changeStatus(i1, IncidentStatus.RESOLVED, actor(ariel));
        answer(i1, ariel, 4, 2, 1, 5, "1");
        answer(i1, bo, 5, 3, 2, 5, "2");
        answer(i1, cy, 3, 4, 3, 5, "3");
        publish(i1, ariel);
        reads.opened(i1, actor(dee));
        reads.opened(i1, actor(eve));
        reads.opened(i1, actor(eve));
        long done = actions.propose(i1, new ProposeAction("Alert on queue depth", null), actor(ariel))
                .id();
        actions.change(i1, done, ChangeAction.decide("do", null, ariel.id(), "2025-05-20", null), actor(ariel));
        actions.change(i1, done, ChangeAction.done(true), actor(ariel));
        long late = actions.propose(i1, new ProposeAction("Runbook for failover", null), actor(ariel))
                .id();
        actions.change(i1, late, ChangeAction.decide("do", null, bo.id(), "2025-06-01", null), actor(ariel));
        long no = actions.propose(i1, new ProposeAction("Rewrite Quill", null), actor(ariel))
                .id();
        actions.change(i1, no, ChangeAction.decide("wont_do", "too big", null, null, null), actor(ariel));

        at("2025-05-12T10:00:00Z");
        long i2 = declare(ariel, "Quill slow " + tag, "SEV2", IncidentType.DEFAULT);
        people.join(i2, bo.id(), "added", actor(ariel));
        at("2025-05-12T11:00:00Z");
        incidents.changeStatus(i2, IncidentStatus.RESOLVED, actor(ariel));
        answer(i2, ariel, 4, 4, 4, 4, "2");
        reviews.update(i2, new ReviewSections("Draft", null, null, null, null, null), actor(ariel));
        actions.propose(i2, new ProposeAction("Cache warm-up", null), actor(ariel));

        at("2025-05-20T10:00:00Z");
        long i3 = declare(ariel, "Quill typo " + tag, "SEV4", IncidentType.DEFAULT);
        at("2025-05-20T10:30:00Z");
        incidents.changeStatus(i3, IncidentStatus.RESOLVED, actor(ariel));
        publish(i3, ariel);

        at("2025-05-31T23:00:00Z");
        long i4 = declare(ariel, "Quill at midnight " + tag, "SEV2", IncidentType.DEFAULT);
        people.join(i4, bo.id(), "added", actor(ariel));
        at("2025-06-01T01:00:00Z");
        incidents.changeStatus(i4, IncidentStatus.RESOLVED, actor(ariel));
        answer(i4, ariel, 2, 2, 2, 2, "4");
        answer(i4, bo, 3, 3, 3, 3, "5");

        at("2025-06-10T10:00:00Z");
        long i5 = declare(bo, "Quill secret " + tag, "SEV1", IncidentType.PRIVATE);
        at("2025-06-10T11:00:00Z");
        incidents.changeStatus(i5, IncidentStatus.RESOLVED, actor(bo));

        at("2025-06-12T10:00:00Z");
        long i6 = declare(ariel, "Game day: Quill failover " + tag, "SEV3", IncidentType.DRILL);
        at("2025-06-12T12:00:00Z");
        incidents.changeStatus(i6, IncidentStatus.RESOLVED, actor(ariel));
        reviews.update(i6, new ReviewSections(null, null, null, "Failover takes 2 min", null, null), actor(ariel));
        workflow.move(i6, ReviewState.IN_REVIEW, actor(ariel));
        workflow.publish(i6, actor(ariel));

        at("2025-07-15T00:00:00Z");
        refresh.refresh();
        query = "from=2025-05-01&to=2025-06-30&service=" + quill;
    }

    @Test
    void mayCountsReviewsReadersSurveysAndActionItems() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/learning?" + query));
        JsonNode may = report.get("months").get(0);
        assertThat(may.get("period").asString()).isEqualTo("2025-05");
        assertThat(may.get("incidents").asLong()).isEqualTo(3);
        assertThat(may.get("reviewsRequired").asLong()).isEqualTo(2);
        assertThat(may.get("reviewsStarted").asLong()).isEqualTo(3);
        assertThat(may.get("reviewsPublished").asLong()).isEqualTo(2);
        assertThat(may.get("publishedRead").asLong()).isEqualTo(1);
        // Readers per published review: I1 2 (Eve twice counts once), I3 0; lower middle of (0, 2).
        assertThat(may.get("medianReaders").asLong()).isEqualTo(0);
        assertThat(may.get("surveyInvited").asLong()).isEqualTo(5);
        assertThat(may.get("surveyAnswered").asLong()).isEqualTo(4);
        assertThat(may.get("responseRate").asDouble()).isEqualTo(0.8);
        assertThat(may.get("scoresShown").asBoolean()).isTrue();
        // Scores from I1's three answers only: I2's survey closed with Ariel's answer alone, which
        // would otherwise show through the difference between the month and I1.
        assertThat(may.get("coordination").asDouble()).isEqualTo(4.0);
        assertThat(may.get("communication").asDouble()).isEqualTo(3.0);
        assertThat(may.get("feelingDuring").asDouble()).isEqualTo(2.0);
        assertThat(may.get("feelingAfter").asDouble()).isEqualTo(5.0);
        assertThat(may.get("hours").asDouble()).isEqualTo(2.0);
        assertThat(may.get("actionsProposed").asLong()).isEqualTo(4);
        assertThat(may.get("actionsDecided").asLong()).isEqualTo(3);
        assertThat(may.get("actionsToDo").asLong()).isEqualTo(2);
        assertThat(may.get("actionsWontDo").asLong()).isEqualTo(1);
        assertThat(may.get("actionsDone").asLong()).isEqualTo(1);
        assertThat(may.get("actionsOverdue").asLong()).isEqualTo(1);
    }

    @Test
    void aMonthWithAPrivateIncidentAndFewerThanThreeIsHiddenExceptForAdmins() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/learning?" + query));
        assertThat(report.get("months")).hasSize(2);
        JsonNode june = report.get("months").get(1);
        assertThat(june.get("period").asString()).isEqualTo("2025-06");
        assertThat(june.get("hidden").asBoolean()).isTrue();
        assertThat(june.get("incidents").asLong()).isZero();
        // The total of 5 incidents, one private, is shown to everyone.
        JsonNode total = report.get("total");
        assertThat(total.get("hidden").asBoolean()).isFalse();
        assertThat(total.get("incidents").asLong()).isEqualTo(5);
        assertThat(total.get("surveyInvited").asLong()).isEqualTo(8);
        assertThat(total.get("surveyAnswered").asLong()).isEqualTo(6);
        // Only I1's survey closed with three answers (I2 had one, I4 two).
        assertThat(total.get("coordination").asDouble()).isEqualTo(4.0);

        JsonNode adminJune = ok(admin().get("/api/v1/insights/learning?" + query))
                .get("months")
                .get(1);
        assertThat(adminJune.get("hidden").asBoolean()).isFalse();
        // I4 (declared in May, resolved in June) and the private I5.
        assertThat(adminJune.get("incidents").asLong()).isEqualTo(2);
        assertThat(adminJune.get("reviewsRequired").asLong()).isEqualTo(2);
        assertThat(adminJune.get("surveyInvited").asLong()).isEqualTo(3);
        assertThat(adminJune.get("surveyAnswered").asLong()).isEqualTo(2);
    }

    @Test
    void scoresOfFewerThanThreeAnswersAreNotShown() {
        JsonNode june = ok(admin().get("/api/v1/insights/learning?from=2025-06-01&to=2025-06-30&service=" + quill))
                .get("months")
                .get(0);
        assertThat(june.get("surveyAnswered").asLong()).isEqualTo(2);
        assertThat(june.get("scoresShown").asBoolean()).isFalse();
        assertThat(june.get("coordination").isNull()).isTrue();
        assertThat(june.get("hours").isNull()).isTrue();

        Response csv =
                admin().get("/api/v1/insights/learning?from=2025-06-01&to=2025-06-30&format=csv&service=" + quill);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("insights-learning.csv");
        assertThat(csv.body())
                .startsWith("month,incidents_resolved,reviews_required,")
                .contains("2025-06,2,2,0,0,0,,3,2,0.667,no closed survey with 3 answers,");
    }

    @Test
    void drillsAreLeftOutByDefaultAndCountedWithTheirWriteUpsInTheDrillsView() {
        JsonNode total = ok(admin().get("/api/v1/insights/learning?" + query)).get("total");
        assertThat(total.get("incidents").asLong()).isEqualTo(5);
        JsonNode drills = ok(ariel.api().get("/api/v1/insights/learning?" + query + "&drills=only"));
        assertThat(drills.get("drills").asBoolean()).isTrue();
        JsonNode row = drills.get("total");
        assertThat(row.get("incidents").asLong()).isEqualTo(1);
        assertThat(row.get("reviewsRequired").asLong()).isEqualTo(1);
        assertThat(row.get("reviewsPublished").asLong()).isEqualTo(1);
        assertThat(row.get("surveyInvited").asLong()).isZero();
    }

    @Test
    void thePageShowsTheTableChartsAndTheAnonymityRule() {
        Browser browser = new Browser(port);
        browser.signIn(ariel.email(), ariel.password());
        var page = browser.get("/insights/learning?" + query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"learning-table\"", "2025-05", "learning-reviews", "learning-actions")
                .contains("hidden (fewer than 3 incidents, one private)")
                .contains("at least 3 answers")
                .contains("/insights/learning.csv?")
                .doesNotContain("Comes with reviews");
        var csv = browser.get("/insights/learning.csv?" + query);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("2025-05,3,2,3,2,1,0,5,4,0.8,4.0,3.0,2.0,5.0,2.0,4,3,2,1,0,1,1");
        assertThat(csv.body()).contains("2025-06,hidden");

        assertThat(api(null).get("/api/v1/insights/learning").status()).isEqualTo(401);
        assertThat(person(Role.VIEWER).api().get("/api/v1/insights/learning").status())
                .isEqualTo(403);
        assertThat(ariel.api().get("/api/v1/insights/learning?format=xml").status())
                .isEqualTo(400);
    }

    private void answer(long incident, Person who, int c1, int c2, int c3, int c4, String hours) {
        surveys.answerAs(incident, actor(who), new SurveyAnswer(c1, c2, c3, c4, new BigDecimal(hours), null));
    }

    private void publish(long incident, Person who) {
        reviews.update(incident, new ReviewSections("What happened", null, "Learned", null, null, null), actor(who));
        workflow.move(incident, ReviewState.IN_REVIEW, actor(who));
        workflow.publish(incident, actor(who));
    }

    private Actor actor(Person p) {
        var user = users.get(p.id());
        return new Actor(user.id(), user.email(), user.name(), user.role(), null);
    }

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }

    private long declare(Person who, String title, String severity, IncidentType type) {
        return incidents
                .declare(new DeclareIncident(title, "", severity, type, List.of(quill), null, null), actor(who))
                .id();
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
