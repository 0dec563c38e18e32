package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.Notifications;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review as the API sees it: the policy keeps a required review from being skipped (closing
 * waits for publishing), the states, who may write, highlights with phases, and exports.
 */
class ReviewFlowTest extends IntegrationTest {

    @Autowired
    Notifications notifications;

    private long declare(Person who, String severity, String type) {
        Response declared = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Queue backlog grows\",\"severity\":\"" + severity + "\",\"type\":\"" + type
                                + "\"}");
        assertThat(declared.status()).isEqualTo(201);
        long id = declared.json().get("id").asLong();
        assertThat(who.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);
        return id;
    }

    private long post(Person who, long id, String body) {
        return who.api()
                .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"" + body + "\"}")
                .json()
                .get("id")
                .asLong();
    }

    @Test
    void aRequiredReviewMustBePublishedBeforeTheIncidentCloses() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long id = declare(ada, "SEV2", "default");
        post(bob, id, "I was there too");
        Response review = ada.api().get("/api/v1/incidents/" + id + "/review");
        assertThat(review.json().get("depth").asString()).isEqualTo("full");
        assertThat(review.json().get("required").asBoolean()).isTrue();

        Response refused = ada.api().patch("/api/v1/incidents/" + id, "{\"status\":\"closed\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains("cannot be closed yet")
                .contains("must be published first");

        assertThat(ada.api()
                        .put("/api/v1/incidents/" + id + "/review", "{\"narrative\":\"We saw the backlog.\"}")
                        .status())
                .isEqualTo(200);
        Response tooEarly = ada.api().post("/api/v1/incidents/" + id + "/review/publish", "");
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json().get("detail").asString()).contains("it can become in_review");
        assertThat(ada.api()
                        .put("/api/v1/incidents/" + id + "/review", "{\"state\":\"in_review\"}")
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("in_review");
        Response published = ada.api().post("/api/v1/incidents/" + id + "/review/publish", "");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("state").asString()).isEqualTo("published");

        assertThat(notifications.deliveries("review:" + id).stream().map(DeliveryView::userId))
                .as("the participant who did not publish is told")
                .containsExactly(bob.id());
        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"closed\"}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("closed");
        assertThat(ada.api().get("/api/v1/incidents/" + id + "/timeline").body())
                .contains("Review published by");
        Response edit = ada.api().put("/api/v1/incidents/" + id + "/review", "{\"narrative\":\"changed\"}");
        assertThat(edit.status()).isEqualTo(409);
    }

    @Test
    void optionalReviewsDoNotHoldClosingAndAdminsChangeThePolicy() {
        Person ada = person(Role.RESPONDER);
        long sev4 = declare(ada, "SEV4", "default");
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + sev4 + "/review")
                        .json()
                        .get("depth")
                        .asString())
                .isEqualTo("optional");
        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + sev4, "{\"status\":\"closed\"}")
                        .status())
                .isEqualTo(200);

        long drill = declare(ada, "SEV1", "drill");
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + drill + "/review")
                        .json()
                        .get("depth")
                        .asString())
                .isEqualTo("game_day");

        assertThat(ada.api()
                        .put("/api/v1/review-policies/SEV3", "{\"required\":false}")
                        .status())
                .isEqualTo(403);
        Response bad = admin().put("/api/v1/review-policies/SEV3", "{\"depth\":\"deep\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("depth").contains("full, light, optional, game_day");
        try {
            assertThat(admin().put("/api/v1/review-policies/SEV3", "{\"required\":false}")
                            .json()
                            .get("required")
                            .asBoolean())
                    .isFalse();
            long sev3 = declare(ada, "SEV3", "default");
            assertThat(ada.api()
                            .patch("/api/v1/incidents/" + sev3, "{\"status\":\"closed\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(admin().get("/api/v1/audit?action=review_policy.updated").body())
                    .contains("SEV3");
        } finally {
            admin().put("/api/v1/review-policies/SEV3", "{\"required\":true}");
        }
    }

    @Test
    void highlightsCarryPhasesAndViewersOnlyRead() {
        Person ada = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        long id = declare(ada, "SEV3", "default");
        long first = post(ada, id, "Latency alarms on the queue");
        long second = post(ada, id, "Found the stuck consumer");
        long third = post(ada, id, "Restarted the consumer");

        assertThat(ada.api()
                        .put("/api/v1/incidents/" + id + "/review", "{\"customPhases\":[\"Escalation\"]}")
                        .json()
                        .get("phases")
                        .toString())
                .isEqualTo("[\"detection\",\"diagnosis\",\"repair\",\"escalation\"]");
        Response marked = ada.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/highlights",
                        "{\"entryIds\":[" + first + "," + second + "],\"phases\":[\"detection\",\"diagnosis\"]}");
        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.json()).hasSize(2);
        assertThat(marked.json().get(0).get("phases").toString()).isEqualTo("[\"detection\",\"diagnosis\"]");
        assertThat(marked.json().get(0).get("keyMoment").asBoolean()).isTrue();
        ada.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/highlights",
                        "{\"entryIds\":[" + third + "],\"phases\":[\"repair\",\"escalation\"],\"note\":\"why then?\"}");

        Response unknownPhase = ada.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/highlights",
                        "{\"entryIds\":[" + third + "],\"phases\":[\"blame\"]}");
        assertThat(unknownPhase.status()).isEqualTo(400);
        assertThat(unknownPhase.body()).contains("detection, diagnosis, repair, escalation");
        Response foreign =
                ada.api().post("/api/v1/incidents/" + id + "/review/highlights", "{\"entryIds\":[999999999]}");
        assertThat(foreign.status()).isEqualTo(400);

        Response listed = viewer.api().get("/api/v1/incidents/" + id + "/review/highlights");
        assertThat(listed.json()).hasSize(3);
        assertThat(listed.json().get(2).get("note").asString()).isEqualTo("why then?");
        assertThat(viewer.api()
                        .post("/api/v1/incidents/" + id + "/review/highlights", "{\"entryIds\":[" + first + "]}")
                        .status())
                .isEqualTo(403);

        long highlightId = listed.json().get(0).get("id").asLong();
        assertThat(ada.api()
                        .delete("/api/v1/incidents/" + id + "/review/highlights/" + highlightId)
                        .status())
                .isEqualTo(204);
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/review/highlights")
                        .json())
                .hasSize(2);

        String md = ada.api().get("/api/v1/incidents/" + id + "/review.md").body();
        assertThat(md)
                .contains("# Review of INC-" + id)
                .contains("Restarted the consumer")
                .contains("why then?");
        Response pdf = ada.api().get("/api/v1/incidents/" + id + "/review.pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/review/export?format=doc")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aQuestionNotifiesThePersonAsked() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long id = declare(ada, "SEV3", "default");
        long entry = post(bob, id, "I restarted it at 14:05");
        Response asked = ada.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/comments",
                        "{\"target\":\"entry:" + entry + "\",\"kind\":\"question\",\"body\":\"What made you"
                                + " restart it then?\",\"addresseeId\":" + bob.id() + "}");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.json().get("addresseeName").asString()).isEqualTo("Test responder");
        assertThat(notifications.deliveries("review:" + id).stream().map(DeliveryView::userId))
                .containsExactly(bob.id());
        Response noOne = ada.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/comments",
                        "{\"target\":\"section:learned\",\"kind\":\"question\",\"body\":\"who?\"}");
        assertThat(noOne.status()).isEqualTo(400);
        assertThat(noOne.body()).contains("addresseeId");
    }
}
