package dev.cairn.escalation.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy form works without scripts: add a step, keep what was typed on an error, save. */
class EscalationPagesTest extends IntegrationTest {

    @Test
    void aWriterBuildsAPolicyInTheFormAndSeesItListedWithItsServices() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long service = admin().post("/api/v1/services", "{\"name\":\"Ledger " + tag + "\",\"tier\":2}")
                .json()
                .get("id")
                .asLong();
        Browser browser = signedIn(ada);
        assertThat(browser.get("/escalation-policies/new").body()).contains("data-testid=\"policy-form\"");

        HttpResponse<String> more = browser.postForm(
                "/escalation-policies",
                Map.of(
                        "name",
                        "Ledger " + tag,
                        "step0.delay",
                        "7",
                        "step0.targets",
                        "user:" + ada.id(),
                        "action",
                        "add-step"),
                "/escalation-policies/new");
        assertThat(more.statusCode()).isEqualTo(200);
        assertThat(more.body())
                .as("a second step row, and what was typed kept")
                .contains("value=\"Ledger " + tag + "\"", "name=\"step1.delay\"", "value=\"7\"");

        HttpResponse<String> refused = browser.postForm(
                "/escalation-policies",
                Map.of("name", "Ledger " + tag, "step0.delay", "7", "action", "save"),
                "/escalation-policies/new");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-testid=\"error\"", "steps[0].targets must name 1 to 20 users, schedules or teams")
                .contains("value=\"Ledger " + tag + "\"");

        HttpResponse<String> saved = browser.postForm(
                "/escalation-policies",
                Map.of(
                        "name",
                        "Ledger " + tag,
                        "step0.delay",
                        "7",
                        "step0.targets",
                        "user:" + bob.id(),
                        "serviceIds",
                        String.valueOf(service),
                        "repeat",
                        "2",
                        "action",
                        "save"),
                "/escalation-policies/new");
        assertThat(location(saved)).matches(".*/escalation-policies/\\d+");
        Response policy = admin().get(location(saved).replaceFirst("^.*(/escalation-policies/\\d+)$", "/api/v1$1"));
        assertThat(policy.json().get("repeat").asInt()).isEqualTo(2);
        assertThat(policy.json()
                        .get("steps")
                        .get(0)
                        .get("targets")
                        .get(0)
                        .get("id")
                        .asLong())
                .isEqualTo(bob.id());
        assertThat(browser.get("/escalation-policies").body())
                .contains("Ledger " + tag, "Services: <span><span>Ledger " + tag + "</span>");
    }

    @Test
    void aViewerReadsPoliciesAndPagesButChangesNothing() {
        Person viewer = person(Role.VIEWER);
        Browser browser = signedIn(viewer);
        assertThat(browser.get("/escalation-policies").body()).doesNotContain("data-testid=\"new-policy\"");
        assertThat(browser.get("/pages").body()).doesNotContain("data-testid=\"page-someone-toggle\"");
        HttpResponse<String> refused = browser.postForm(
                "/escalation-policies",
                Map.of("name", "Nope", "step0.delay", "5", "step0.targets", "user:" + viewer.id(), "action", "save"),
                "/escalation-policies");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    private Browser signedIn(Person person) {
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }
}
