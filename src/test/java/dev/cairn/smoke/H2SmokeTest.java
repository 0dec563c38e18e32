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

        long id = admin.post("/api/v1/incidents", "{\"title\":\"Queue stuck\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
        admin.post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"Consumer group wombat rebalancing\"}");
        assertThat(admin.get("/api/v1/incidents?q=WOMBAT")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asLong())
                .as("search over timeline text falls back to LIKE on H2")
                .isEqualTo(id);
        assertThat(admin.patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("resolved");
    }
}
