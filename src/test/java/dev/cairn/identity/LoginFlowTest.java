package dev.cairn.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Signing in through the real form, as a browser does: session cookie, CSRF token, redirects. */
class LoginFlowTest extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void rightPasswordLeadsToIncidents() {
        Person responder = person(Role.RESPONDER);
        Browser browser = new Browser();

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
        Browser browser = new Browser();

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
        Browser browser = new Browser();

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

        Browser later = new Browser();
        assertThat(location(later.signIn(email, "my-own-password-1"))).endsWith("/incidents");
        assertThat(location(later.signIn(email, oneTimePassword))).endsWith("/login?error=bad");
    }

    @Test
    void signInPageExplainsSignOutAndDeactivation() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.body()).contains("Sign in to Cairn", "id=\"email\"", "id=\"password\"", "Sign in</button>");
        assertThat(browser.get("/login?logout").body()).contains("You are signed out.");
        assertThat(browser.get("/login?error=disabled").body()).contains("This account is deactivated.");

        Person leaver = person(Role.VIEWER);
        admin().patch("/api/v1/users/" + leaver.id(), "{\"active\":false}");
        assertThat(location(browser.signIn(leaver.email(), leaver.password()))).endsWith("/login?error=disabled");
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }

    /** One browser: its own cookies, no automatic redirects so each step can be checked. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        HttpResponse<String> signIn(String email, String password) {
            return postForm("/login", Map.of("email", email, "password", password), "/login");
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields) {
            return postForm(path, fields, path);
        }

        /** Reads the CSRF token from the form page, as a browser would, then submits the form. */
        HttpResponse<String> postForm(String path, Map<String, String> fields, String formPage) {
            HttpResponse<String> page = get(formPage);
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as("CSRF token on " + formPage).isTrue();
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("_csrf", csrf.group(1));
            String body = form.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
