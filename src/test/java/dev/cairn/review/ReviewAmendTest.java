package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** A published review reopened to amend it: who may, with a reason, audited and on the timeline. */
class ReviewAmendTest extends IntegrationTest {

    private long publishedReview(Person reviewer) {
        Response declared = reviewer.api()
                .post("/api/v1/incidents", "{\"title\":\"Disk fills up\",\"severity\":\"SEV3\",\"type\":\"default\"}");
        long id = declared.json().get("id").asLong();
        reviewer.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        reviewer.api().put("/api/v1/incidents/" + id + "/review", "{\"learned\":\"Logs rotate weekly.\"}");
        reviewer.api().put("/api/v1/incidents/" + id + "/review", "{\"state\":\"in_review\"}");
        assertThat(reviewer.api()
                        .post("/api/v1/incidents/" + id + "/review/publish", "")
                        .status())
                .isEqualTo(200);
        return id;
    }

    @Test
    void theReviewerReopensAPublishedReviewWithAReasonAndRepublishesIt() {
        Person ada = person(Role.RESPONDER);
        long id = publishedReview(ada);

        Response noReason = ada.api().post("/api/v1/incidents/" + id + "/review/reopen", "{\"reason\":\"  \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");

        Response reopened = ada.api()
                .post(
                        "/api/v1/incidents/" + id + "/review/reopen",
                        "{\"reason\":\"The timeline of the fix was wrong\"}");
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("state").asString()).isEqualTo("in_review");
        assertThat(ada.api().get("/api/v1/incidents/" + id + "/timeline").body())
                .contains("Review reopened by")
                .contains("The timeline of the fix was wrong");
        assertThat(admin().get("/api/v1/audit?action=review.reopened").body())
                .contains("The timeline of the fix was wrong");

        Response again = ada.api().post("/api/v1/incidents/" + id + "/review/reopen", "{\"reason\":\"twice\"}");
        assertThat(again.status()).as("only a published review can be reopened").isEqualTo(409);

        assertThat(ada.api()
                        .put("/api/v1/incidents/" + id + "/review", "{\"learned\":\"Logs rotate daily now.\"}")
                        .status())
                .isEqualTo(200);
        Response republished = ada.api().post("/api/v1/incidents/" + id + "/review/publish", "");
        assertThat(republished.json().get("state").asString()).isEqualTo("published");
        assertThat(ada.api().get("/api/v1/incidents/" + id + "/review.md").body())
                .contains("Logs rotate daily now.");
    }

    @Test
    void onlyItsReviewerOrAnAdminMayReopenIt() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person vic = person(Role.VIEWER);
        long id = publishedReview(ada);

        assertThat(bob.api()
                        .post("/api/v1/incidents/" + id + "/review/reopen", "{\"reason\":\"I disagree\"}")
                        .status())
                .isEqualTo(403);
        assertThat(vic.api()
                        .post("/api/v1/incidents/" + id + "/review/reopen", "{\"reason\":\"I disagree\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api()
                        .get("/api/v1/incidents/" + id + "/review")
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("published");

        Response byAdmin =
                admin().post("/api/v1/incidents/" + id + "/review/reopen", "{\"reason\":\"Customer name must go\"}");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("state").asString()).isEqualTo("in_review");
    }

    @Test
    void theWorkspaceOffersToAmendAPublishedReview() {
        Person ada = person(Role.RESPONDER);
        long id = publishedReview(ada);
        dev.cairn.support.Browser browser = new dev.cairn.support.Browser(port);
        browser.signIn(ada.email(), ada.password());
        String workspace = "/incidents/" + id + "/review";
        assertThat(browser.get(workspace).body()).contains("Amend this review").contains("reopen-button");

        var refused = browser.postForm(workspace + "/reopen", java.util.Map.of("reason", " "), workspace);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("reason");

        var reopened =
                browser.postForm(workspace + "/reopen", java.util.Map.of("reason", "Add the vendor's view"), workspace);
        assertThat(reopened.statusCode()).isIn(200, 302, 303);
        String after = browser.get(workspace).body();
        assertThat(after).contains("In review").doesNotContain("Amend this review");
        assertThat(browser.get("/incidents/" + id).body()).contains("Add the vendor&#39;s view");
    }
}
