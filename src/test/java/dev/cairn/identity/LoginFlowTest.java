package dev.cairn.identity;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signing in through the real form, as a browser does: session cookie, CSRF token, redirects. */
class LoginFlowTest extends IntegrationTest {

    @Test
    void rightPasswordLeadsToIncidents() {
        Person responder = person(Role.RESPONDER);
        Browser browser = new Browser(port);

        HttpResponse<String> signIn = browser.signIn(responder.email(), responder.password());

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(location(signIn)).endsWith("/incidents");
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains(responder.email());
    }

    @Test
    void wrongPasswordsAreNamedAndFiveOfThemLockTheAccountForAWhile() {
        Person responder = person(Role.RESPONDER);
        Browser browser = new Browser(port);

        HttpResponse<String> wrong = browser.signIn(responder.email(), "not-the-password");
        assertThat(location(wrong)).endsWith("/login?error=bad");
        assertThat(browser.get("/login?error=bad").body()).contains("E-mail or password is wrong.");
        for (int attempt = 2; attempt <= 5; attempt++) {
            browser.signIn(responder.email(), "not-the-password");
        }

        HttpResponse<String> locked = browser.signIn(responder.email(), responder.password());
        assertThat(locked.statusCode()).isEqualTo(302);
        assertThat(location(locked)).endsWith("/login?error=locked");
        assertThat(browser.get("/login?error=locked").body())
                .contains("Too many failed attempts. This account is locked for a while; try again later.");

        clock.advance(Duration.ofMinutes(16));

        HttpResponse<String> unlocked = browser.signIn(responder.email(), responder.password());
        assertThat(location(unlocked)).endsWith("/incidents");
    }

    @Test
    void someoneCreatedByAnAdminChoosesTheirOwnPasswordFirst() {
        String email = "first-" + UUID.randomUUID().toString().substring(0, 8) + "@cairn.test";
        String oneTimePassword = admin().post(
                        "/api/v1/users",
                        "{\"email\":\"" + email + "\",\"name\":\"First Timer\",\"role\":\"responder\"}")
                .json()
                .get("oneTimePassword")
                .asString();
        Browser browser = new Browser(port);

        HttpResponse<String> signIn = browser.signIn(email, oneTimePassword);
        assertThat(location(signIn)).endsWith("/account/password?first");

        HttpResponse<String> elsewhere = browser.get("/account");
        assertThat(location(elsewhere))
                .as("nothing else until a password is chosen")
                .endsWith("/account/password?first");
        HttpResponse<String> form = browser.get("/account/password?first");
        assertThat(form.body()).contains("Choose your own password to continue");

        HttpResponse<String> mismatch = browser.postForm(
                "/account/password?first",
                Map.of("currentPassword", oneTimePassword, "newPassword", "my-own-password-1", "repeat", "other"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("Does not match the new password.");

        HttpResponse<String> chosen = browser.postForm(
                "/account/password?first",
                Map.of(
                        "currentPassword",
                        oneTimePassword,
                        "newPassword",
                        "my-own-password-1",
                        "repeat",
                        "my-own-password-1"));
        assertThat(location(chosen)).endsWith("/incidents");
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);

        Browser later = new Browser(port);
        assertThat(location(later.signIn(email, "my-own-password-1"))).endsWith("/incidents");
        assertThat(location(later.signIn(email, oneTimePassword))).endsWith("/login?error=bad");
    }

    @Test
    void signInPageExplainsSignOutAndDeactivation() {
        Browser browser = new Browser(port);
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.body()).contains("Sign in to Cairn", "id=\"email\"", "id=\"password\"", "Sign in</button>");
        assertThat(browser.get("/login?logout").body()).contains("You are signed out.");
        assertThat(browser.get("/login?error=disabled").body()).contains("This account is deactivated.");

        Person leaver = person(Role.VIEWER);
        admin().patch("/api/v1/users/" + leaver.id(), "{\"active\":false}");
        assertThat(location(browser.signIn(leaver.email(), leaver.password()))).endsWith("/login?error=disabled");
    }
}
