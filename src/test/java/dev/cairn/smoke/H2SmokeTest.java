package dev.cairn.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api;
import dev.cairn.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default: Cairn on H2 (as {@code ./mvnw spring-boot:run} starts it) migrates, boots
 * its first admin and bootstrap token, and serves the sign-in page and the API, whatever database
 * the rest of the suite uses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.admin-password=h2-admin-password",
            "cairn.bootstrap-api-token=cairn_h2_smoke_token_0123456789"
        })
class H2SmokeTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        TestDatabase.h2("smoke").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void servesSignInPageHealthAndApiOnH2() {
        Api anonymous = new Api("http://localhost:" + port, null);
        assertThat(anonymous.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(anonymous.get("/login").body()).contains("Sign in to Cairn");
        assertThat(anonymous.get("/api/v1/incidents").status()).isEqualTo(401);

        Api admin = new Api("http://localhost:" + port, "cairn_h2_smoke_token_0123456789");
        assertThat(admin.get("/api/v1/me").json().get("email").asString()).isEqualTo("admin@cairn.local");
    }
}
