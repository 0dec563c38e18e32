package dev.cairn.alerting.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routing rules page through real forms: what people see, add, move, switch off and delete. */
class RoutingPagesTest extends IntegrationTest {

    private static final Pattern RULE_ID = Pattern.compile("/routing#rule-(\\d+)$");

    private final List<Long> rules = new ArrayList<>();

    @AfterEach
    void removeRules() {
        rules.forEach(id -> admin().delete("/api/v1/routing-rules/" + id));
    }

    private Browser signedIn(Role role) {
        Person person = person(role);
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long service(String name) {
        Api.Response created = admin().post("/api/v1/services", "{\"name\":\"" + name + "\",\"tier\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static Map<String, String> rule(String name, String matchers, String serviceId, String action) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("matchers", matchers);
        form.put("serviceId", serviceId);
        form.put("action", action);
        form.put("severity", "");
        form.put("position", "");
        return form;
    }

    /** Adds a rule through the form; answers its id, read from where the page sends the browser. */
    private long add(Browser browser, Map<String, String> form) {
        HttpResponse<String> added = browser.postForm("/routing", form, "/routing");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        Matcher id = RULE_ID.matcher(location(added));
        assertThat(id.find()).as(location(added)).isTrue();
        rules.add(Long.parseLong(id.group(1)));
        return Long.parseLong(id.group(1));
    }

    /** Where the rule of that name is listed on the page. */
    private static int at(String page, String name) {
        int at = page.indexOf("data-testid=\"rule-name\">" + name + "</span>");
        assertThat(at).as(name + " listed").isNotNegative();
        return at;
    }

    @Test
    void aResponderAddsRulesThatAreListedInOrderMovesThemAndDeletesOne() {
        Browser responder = signedIn(Role.RESPONDER);
        String tag = tag();
        String serviceName = "Checkout " + tag;
        long service = service(serviceName);
        String page = responder.get("/routing").body();
        assertThat(page).contains("Routing rules", "data-testid=\"add-rule\"", "SEV1", serviceName);

        Map<String, String> pages =
                rule("Pages " + tag, "team=" + tag + "\nseverity =~ \"critical|error\"", "" + service, "declare");
        pages.put("severity", "SEV2");
        long first = add(responder, pages);
        long second = add(responder, rule("Everything else " + tag, "team=" + tag, "", "attach"));

        String listed = responder.get("/routing").body();
        assertThat(listed)
                .contains(
                        "Rule &quot;Everything else " + tag + "&quot; added.",
                        "team=" + tag,
                        "severity=~critical|error",
                        serviceName,
                        "declare an incident",
                        "sev-SEV2",
                        "join the open incident",
                        "the integration's service");
        assertThat(at(listed, "Pages " + tag))
                .as("rules are listed in the order they are checked")
                .isLessThan(at(listed, "Everything else " + tag));
        assertThat(responder.get("/routing").body())
                .as("the notice is shown once")
                .doesNotContain("added.");

        HttpResponse<String> moved =
                responder.postForm("/routing/" + second + "/move", Map.of("direction", "up"), "/routing");
        assertThat(location(moved)).endsWith("/routing#rule-" + second);
        String reordered = responder.get("/routing").body();
        assertThat(at(reordered, "Everything else " + tag)).isLessThan(at(reordered, "Pages " + tag));
        assertThat(admin().get("/api/v1/routing-rules/" + second)
                        .json()
                        .get("position")
                        .asInt())
                .isLessThan(admin().get("/api/v1/routing-rules/" + first)
                        .json()
                        .get("position")
                        .asInt());

        responder.postForm("/routing/" + second + "/active", Map.of("active", "false"), "/routing");
        assertThat(responder.get("/routing").body()).contains("is off: new alerts skip it", "Turn on");
        assertThat(admin().get("/api/v1/routing-rules/" + second)
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();

        HttpResponse<String> deleted = responder.postForm("/routing/" + first + "/delete", Map.of(), "/routing");
        assertThat(location(deleted)).endsWith("/routing");
        assertThat(responder.get("/routing").body())
                .contains("Rule &quot;Pages " + tag + "&quot; deleted.")
                .doesNotContain("data-testid=\"rule-name\">Pages " + tag);
        assertThat(admin().get("/api/v1/routing-rules/" + first).status()).isEqualTo(404);
    }

    @Test
    void aWrongMatcherIsNamedNextToTheFormAndWhatWasTypedIsKept() {
        Browser responder = signedIn(Role.RESPONDER);
        String tag = tag();
        HttpResponse<String> refused = responder.postForm(
                "/routing", rule("Broken " + tag, "team=" + tag + "\nseverity=~(critical", "", "declare"), "/routing");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains(
                        "data-testid=\"form-errors\"",
                        "Matchers: line 2 (severity=~(critical): value is not a valid regular expression",
                        "value=\"Broken " + tag + "\"",
                        "team=" + tag + "\nseverity=~(critical</textarea>")
                .containsPattern("id=\"action-declare\" value=\"declare\"\\s+checked");

        HttpResponse<String> noOperator =
                responder.postForm("/routing", rule("No op " + tag, "team " + tag, "", "none"), "/routing");
        assertThat(noOperator.statusCode()).isEqualTo(422);
        assertThat(noOperator.body()).contains("line 1 (team " + tag + "): operator is missing");

        HttpResponse<String> noName = responder.postForm("/routing", rule(" ", "team=" + tag, "", "none"), "/routing");
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(noName.body()).contains("data-testid=\"error-name\"", "Name must be 1 to 200 characters");
        assertThat(responder.get("/routing").body()).doesNotContain(tag);
    }

    @Test
    void viewersReadTheRulesButCannotChangeThem() {
        Browser responder = signedIn(Role.RESPONDER);
        String tag = tag();
        long id = add(responder, rule("Read only " + tag, "team=" + tag, "", "none"));

        Browser viewer = signedIn(Role.VIEWER);
        HttpResponse<String> page = viewer.get("/routing");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Read only " + tag, "team=" + tag, "Which rule would take this alert?")
                .doesNotContain("data-testid=\"add-rule\"", "data-testid=\"delete-rule\"", "data-testid=\"move-up\"");
        assertThat(viewer.postForm("/routing", rule("Sneaky " + tag, "", "", "declare"), "/routing")
                        .statusCode())
                .isEqualTo(403);
        assertThat(viewer.postForm("/routing/" + id + "/delete", Map.of(), "/routing")
                        .statusCode())
                .isEqualTo(403);
        assertThat(viewer.postForm("/routing/" + id + "/move", Map.of("direction", "up"), "/routing")
                        .statusCode())
                .isEqualTo(403);
        assertThat(viewer.postForm("/routing/" + id + "/active", Map.of("active", "false"), "/routing")
                        .statusCode())
                .isEqualTo(403);
        assertThat(admin().get("/api/v1/routing-rules/" + id)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(responder.get("/routing").body()).doesNotContain("Sneaky " + tag);
    }

    @Test
    void sampleLabelsShowWhichRuleWouldMatchFirst() {
        Browser responder = signedIn(Role.RESPONDER);
        String tag = tag();
        add(responder, rule("Critical " + tag, "team=" + tag + "\nseverity=critical", "", "declare"));
        add(responder, rule("Any " + tag, "team=" + tag, "", "none"));

        Browser viewer = signedIn(Role.VIEWER);
        HttpResponse<String> critical = viewer.postForm(
                "/routing/test", Map.of("sample", "alertname=Errors\nteam=" + tag + "\nseverity=critical"), "/routing");
        assertThat(critical.statusCode()).isEqualTo(200);
        assertThat(critical.body())
                .contains(
                        "data-testid=\"test-result\"",
                        "Critical " + tag + "</a>",
                        "matches first",
                        "declares an incident")
                .contains("severity=critical</textarea>");

        HttpResponse<String> warning = viewer.postForm(
                "/routing/test", Map.of("sample", "team=\"" + tag + "\"\nseverity=warning"), "/routing");
        assertThat(warning.body()).contains("Any " + tag + "</a>", "with no incident");

        HttpResponse<String> nobody =
                viewer.postForm("/routing/test", Map.of("sample", "team=nobody-" + tag), "/routing");
        assertThat(nobody.body()).contains("No active rule matches", "its integration's own service");

        HttpResponse<String> wrong = viewer.postForm("/routing/test", Map.of("sample", "just words"), "/routing");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Labels: line 1 (just words): write key=value", "just words</textarea>");
    }

    @Test
    void theIntegrationsPageAndTheMenuLeadToTheRules() {
        Browser viewer = signedIn(Role.VIEWER);
        assertThat(viewer.get("/integrations").body()).contains("href=\"/routing\"");
        assertThat(viewer.get("/alerts").body()).contains("href=\"/routing\"");
    }
}
