package dev.cairn.identity;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The identity pages through real forms: what admins and everyone else see and can do. */
class IdentityPagesTest extends IntegrationTest {

    private Browser signedIn(String email, String password) {
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(email, password))).endsWith("/incidents");
        return browser;
    }

    private Browser adminBrowser() {
        return signedIn("admin@cairn.test", ADMIN_PASSWORD);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminAddsAPersonSeesTheOneTimePasswordOnceAndEditsThem() {
        Browser admin = adminBrowser();
        String email = unique("page") + "@cairn.test";

        HttpResponse<String> bad = admin.postForm(
                "/admin/users",
                Map.of("email", "nonsense", "name", "Page Person", "timeZone", "UTC", "role", "viewer"),
                "/admin/users");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("data-testid=\"error-email\"", "Must be an e-mail address.", "Page Person");

        HttpResponse<String> created = admin.postForm(
                "/admin/users",
                Map.of("email", email, "name", "Page Person", "timeZone", "Asia/Tokyo", "role", "viewer"),
                "/admin/users");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("Page Person</span> can now sign in", "will not show it again");
        String oneTimePassword = value(created.body(), "one-time-password");
        assertThat(new Browser(port).signIn(email, oneTimePassword).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/account/password?first"));

        HttpResponse<String> duplicate = admin.postForm(
                "/admin/users",
                Map.of("email", email, "name", "Again", "timeZone", "UTC", "role", "viewer"),
                "/admin/users");
        assertThat(duplicate.body()).contains("Is already used by someone else.");

        HttpResponse<String> list = admin.get("/admin/users");
        assertThat(list.body()).contains(email, "Asia/Tokyo");
        long id = users.findByEmail(email).orElseThrow().id();
        assertThat(admin.get("/admin/users/" + id).body()).contains("value=\"Page Person\"");

        HttpResponse<String> saved = admin.postForm(
                "/admin/users/" + id,
                Map.of("name", "Page Person", "timeZone", "Europe/Oslo", "role", "responder", "slackId", "U9"),
                "/admin/users/" + id);
        assertThat(location(saved)).endsWith("/admin/users");
        assertThat(admin.get("/admin/users").body()).contains("Saved changes to Page Person.", "deactivated");
        UserView after = users.get(id);
        assertThat(after.role()).isEqualTo(Role.RESPONDER);
        assertThat(after.active()).as("unchecked box deactivates").isFalse();
        assertThat(after.timeZone()).isEqualTo("Europe/Oslo");
    }

    @Test
    void peopleManageTheirProfileAndTokensOnTheAccountPage() {
        Person responder = person(Role.RESPONDER);
        Browser browser = signedIn(responder.email(), responder.password());

        HttpResponse<String> badZone = browser.postForm(
                "/account", Map.of("name", "Ariel", "timeZone", "Nowhere/Else", "slackId", ""), "/account");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(badZone.body())
                .contains("data-testid=\"error-timeZone\"", "Must be a time zone such as Europe/Paris.");

        browser.postForm(
                "/account", Map.of("name", "Ariel Ops", "timeZone", "Asia/Tokyo", "slackId", "U42"), "/account");
        assertThat(browser.get("/account").body()).contains("Your profile is saved.", "value=\"Ariel Ops\"");

        HttpResponse<String> created =
                browser.postForm("/account/tokens", Map.of("name", "laptop", "scope", "write"), "/account");
        String secret = value(created.body(), "secret");
        assertThat(secret).startsWith("cairn_");
        assertThat(api(secret).get("/api/v1/me").json().get("name").asString()).isEqualTo("Ariel Ops");
        String account = browser.get("/account").body();
        assertThat(account)
                .contains("laptop", "…" + secret.substring(secret.length() - 4))
                .doesNotContain(secret);

        long id = tokens.of(responder.id()).stream()
                .filter(t -> t.name().equals("laptop"))
                .findFirst()
                .orElseThrow()
                .id();
        browser.postForm("/account/tokens/" + id + "/revoke", Map.of(), "/account");
        assertThat(browser.get("/account").body()).contains("The token \u201claptop\u201d is revoked.", "revoked");
        assertThat(api(secret).get("/api/v1/me").status()).isEqualTo(401);

        HttpResponse<String> wrong = browser.postForm(
                "/account/password",
                Map.of("currentPassword", "wrong", "newPassword", "a-new-password-1", "repeat", "a-new-password-1"));
        assertThat(wrong.body()).contains("data-testid=\"error-currentPassword\"", "Is not your current password.");
    }

    @Test
    void everyoneReadsTeamsButOnlyAdminsChangeThem() {
        Person member = person(Role.RESPONDER);
        Browser admin = adminBrowser();
        String name = unique("Checkout");

        HttpResponse<String> created =
                admin.postForm("/teams", Map.of("name", name, "description", "Pays the bills"), "/teams/new");
        String teamPath = location(created).replaceFirst("^https?://[^/]+", "");
        assertThat(teamPath).matches("/teams/\\d+");
        assertThat(admin.get(teamPath).body()).contains("No members yet.", "Add member");

        admin.postForm(teamPath + "/members", Map.of("userId", String.valueOf(member.id())), teamPath);
        assertThat(admin.get(teamPath).body()).contains("Test responder is now a member.", member.email());

        HttpResponse<String> taken = admin.postForm("/teams", Map.of("name", name, "description", ""), "/teams/new");
        assertThat(taken.body()).contains("Is taken by another team.");

        Person viewer = person(Role.VIEWER);
        Browser viewerBrowser = signedIn(viewer.email(), viewer.password());
        String teams = viewerBrowser.get("/teams").body();
        assertThat(teams).contains(name, "Test responder").doesNotContain("New team");
        assertThat(viewerBrowser.get(teamPath).body()).contains(member.email()).doesNotContain("Add member", "Remove");
        HttpResponse<String> refused =
                viewerBrowser.postForm(teamPath + "/members/" + member.id() + "/remove", Map.of(), teamPath);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Only admins may do this");
    }

    @Test
    void auditPageIsForAdminsAndFilters() {
        Person responder = person(Role.RESPONDER);
        Browser responderBrowser = signedIn(responder.email(), responder.password());
        assertThat(responderBrowser.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(responderBrowser.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(responderBrowser.get("/teams/new").statusCode()).isEqualTo(403);
        assertThat(responderBrowser.get("/teams").body()).doesNotContain("New team");

        Browser admin = adminBrowser();
        HttpResponse<String> page = admin.get("/admin/audit?actor=" + responder.email());
        assertThat(page.body()).contains("login.succeeded", responder.email());
        assertThat(admin.get("/admin/audit?action=no.such.action").body()).contains("No entries match these filters.");
        String today = clock.instant().toString().substring(0, 10);
        assertThat(admin.get("/admin/audit?from=" + today + "&to=" + today).body())
                .contains("login.succeeded");
    }

    private static String value(String html, String testId) {
        Matcher m = Pattern.compile("value=\"([^\"]+)\" data-testid=\"" + testId + "\"")
                .matcher(html);
        assertThat(m.find()).as(testId + " shown").isTrue();
        return m.group(1);
    }
}
