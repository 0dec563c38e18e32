package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A saturated node refuses with 503 and Retry-After (which Alertmanager and PagerDuty clients both
 * retry), never 429 (final for Alertmanager) and never a silent drop. Here the node has no room at
 * all, so every delivery is refused and nothing is stored.
 */
@TestPropertySource(properties = {"cairn.alerting.max-concurrent-ingests=0", "cairn.alerting.ingest-wait-ms=50"})
class AlertIngestOverloadTest extends IntegrationTest {

    @Test
    void aSaturatedNodeAnswers503WithRetryAfterAndStoresNothing() {
        Response created = admin().post("/api/v1/integrations", "{\"name\":\"overloaded\",\"kind\":\"alertmanager\"}");
        String path = created.json().get("url").asString().replaceFirst("^https?://[^/]+", "");
        long id = created.json().get("id").asLong();

        Response refused = api(null).post(path, AlertIngestTest.alertmanager("busy-1", "firing"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.json().get("detail").asString()).contains("nothing was accepted, retry");

        Response pagerDuty = new Api("http://localhost:" + port, null).post("/v2/enqueue", "{}");
        assertThat(pagerDuty.status()).isEqualTo(503);

        assertThat(admin().get("/api/v1/alert-groups?integrationId=" + id)
                        .json()
                        .get("items"))
                .isEmpty();
    }
}
