package dev.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The web door: CSRF on every form, security headers on every page, no secret in the logs. */
@ExtendWith(OutputCaptureExtension.class)
class WebSecurityTest extends IntegrationTest {

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        Person ada = person(Role.RESPONDER);
        Browser browser = new Browser(port);
        browser.signIn(ada.email(), ada.password());
        HttpResponse<String> forged =
                browser.postWithoutCsrf("/incidents", Map.of("title", "Forged csrf incident", "severity", "SEV3"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(ada.api().get("/api/v1/incidents?q=Forged+csrf").json().get("items"))
                .isEmpty();

        HttpResponse<String> real = browser.postForm(
                "/incidents", Map.of("title", "Real form incident", "severity", "SEV3"), "/incidents/new");
        assertThat(real.statusCode()).isEqualTo(302);
        assertThat(Browser.location(real)).matches(".*/incidents/\\d+");
    }

    @Test
    void pagesAndTheApiSendSecurityHeaders() {
        Person ada = person(Role.RESPONDER);
        Browser browser = new Browser(port);
        HttpResponse<String> signIn = browser.get("/login");
        assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(signIn.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(signIn.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(signIn.headers().firstValue("Referrer-Policy")).hasValue("same-origin");

        HttpResponse<String> signedIn = browser.signIn(ada.email(), ada.password());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION=") || c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");

        Api.Response api = ada.api().get("/api/v1/incidents");
        assertThat(api.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(api.header("Cache-Control")).contains("no-store");
    }

    @Test
    void tokensAndPasswordsNeverReachTheLog(CapturedOutput output) {
        Person ada = person(Role.RESPONDER);
        String secret = ada.api()
                .post("/api/v1/tokens", "{\"name\":\"log check\",\"scope\":\"read\"}")
                .json()
                .get("secret")
                .asString();
        api(secret).get("/api/v1/incidents");
        api(secret + "x").get("/api/v1/incidents");
        new Browser(port).signIn(ada.email(), ada.password());
        new Browser(port).signIn(ada.email(), "wrong-" + ada.password());

        assertThat(output.getAll())
                .doesNotContain(secret)
                .doesNotContain(ada.token())
                .doesNotContain(ada.password())
                .doesNotContain(ADMIN_TOKEN);
    }
}
