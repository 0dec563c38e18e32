package dev.cairn.notification;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.TestMail;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The notification settings page through real HTTP, as a person signed in sees and uses it. */
class NotificationPagesTest extends NotificationTestSupport {

    private static final String PAGE = "/account/notifications";

    @Test
    void aNewPersonIsToldWhatHappensAndWhatToDoFirst() {
        Person vic = person(Role.VIEWER);
        Browser browser = signedIn(vic);

        String account = ok(browser.get("/account"));
        assertThat(account).contains("href=\"/account/notifications\"", "data-testid=\"notifications-link\"");

        String page = ok(browser.get(PAGE));
        assertThat(page)
                .contains("data-testid=\"fallback\"", vic.email(), "data-testid=\"no-methods\"")
                .contains("data-testid=\"no-rules\"", "Add a contact method first")
                .contains("data-testid=\"no-deliveries\"")
                .contains("name=\"_csrf\"");
    }

    @Test
    void aPersonAddsAnEmailSendsATestAndSeesItsResult() {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        Browser browser = signedIn(ada);

        HttpResponse<String> added = browser.postForm(
                PAGE + "/methods", Map.of("name", "Work e-mail", "channel", "email", "address", inbox), PAGE);
        assertThat(location(added)).endsWith(PAGE);
        String page = ok(browser.get(PAGE));
        assertThat(page)
                .contains("Work e-mail", inbox, "data-testid=\"method\"")
                .doesNotContain("no-methods");
        assertThat(page).contains("data-testid=\"plan-step\"", "At once");

        long id = methodId(page);
        HttpResponse<String> tested = browser.postForm(PAGE + "/methods/" + id + "/test", Map.of(), PAGE);
        assertThat(location(tested)).endsWith(PAGE + "#method-" + id);
        assertThat(ok(browser.get(PAGE))).contains("A test is on its way");

        await().until(() -> TestMail.to(inbox).size() == 1);
        await().until(() -> lastTest(ok(browser.get(PAGE))).contains(">sent<"));
        String after = ok(browser.get(PAGE));
        assertThat(after).contains("data-testid=\"delivery\"", "Cairn test notification: Work e-mail", "1 attempt");
        assertThat(after).contains("data-testid=\"attempt\"", "accepted by the mail server");

        HttpResponse<String> rule = browser.postForm(
                PAGE + "/rules", Map.of("contactMethodId", String.valueOf(id), "delayMinutes", "5"), PAGE);
        assertThat(location(rule)).endsWith(PAGE + "#rules");
        assertThat(ok(browser.get(PAGE))).contains("data-testid=\"rule\"", "After 5 minutes");

        HttpResponse<String> disabled = browser.postForm(PAGE + "/methods/" + id + "/disable", Map.of(), PAGE);
        assertThat(location(disabled)).endsWith(PAGE);
        assertThat(ok(browser.get(PAGE))).contains("data-testid=\"disabled\"", "All your contact methods are disabled");
    }

    @Test
    void aWebhookShowsItsSecretOnceAndBadInputIsExplainedNextToTheField() {
        Person ada = person(Role.RESPONDER);
        Browser browser = signedIn(ada);

        HttpResponse<String> created = browser.postForm(
                PAGE + "/methods",
                Map.of("name", "Bridge", "channel", "webhook", "address", "https://hooks.example.com/cairn"),
                PAGE);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        Matcher secret = Pattern.compile("value=\"(whsec_[^\"]+)\"").matcher(created.body());
        assertThat(secret.find()).isTrue();
        assertThat(created.body()).contains("X-Cairn-Signature", "will not show it again");
        assertThat(ok(browser.get(PAGE))).contains("Bridge", "New secret").doesNotContain(secret.group(1));

        HttpResponse<String> refused = browser.postForm(
                PAGE + "/methods", Map.of("name", "Typo", "channel", "email", "address", "ada at example"), PAGE);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("data-testid=\"error-address\"", "ada at example");

        HttpResponse<String> badRule =
                browser.postForm(PAGE + "/rules", Map.of("contactMethodId", "1", "delayMinutes", "later"), PAGE);
        assertThat(badRule.statusCode()).isEqualTo(400);
        assertThat(badRule.body()).contains("data-testid=\"error-delayMinutes\"");

        assertThat(browser.postWithoutCsrf(PAGE + "/methods", Map.of("name", "x", "channel", "email", "address", "x@y"))
                        .statusCode())
                .isEqualTo(403);
    }

    private Browser signedIn(Person person) {
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }

    private static long methodId(String page) {
        Matcher id = Pattern.compile("id=\"method-(\\d+)\"").matcher(page);
        assertThat(id.find()).as("a method on the page").isTrue();
        return Long.parseLong(id.group(1));
    }

    private static String lastTest(String page) {
        int at = page.indexOf("data-testid=\"last-test\"");
        return at < 0 ? "" : page.substring(at, Math.min(page.length(), at + 1500));
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
