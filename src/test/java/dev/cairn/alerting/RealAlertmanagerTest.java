package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) sends to a Cairn that can only
 * take one delivery at a time and refuses the rest with 503 + Retry-After. Alertmanager retries
 * 5xx answers, so every alert must still arrive exactly once as an open group, and every resolve
 * must close it: overload delays, it never loses.
 */
@TestPropertySource(properties = {"cairn.alerting.max-concurrent-ingests=1", "cairn.alerting.ingest-wait-ms=0"})
class RealAlertmanagerTest extends IntegrationTest {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final int ALERTS = 40;

    @Autowired
    JdbcClient jdbc;

    private Process alertmanager;

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void anOverloadedCairnLosesNothingThatAlertmanagerSends() throws Exception {
        assertThat(Files.isExecutable(BINARY))
                .as("this test needs a real Alertmanager: apt-get install -y prometheus-alertmanager")
                .isTrue();
        Response created =
                admin().post("/api/v1/integrations", "{\"name\":\"real alertmanager\",\"kind\":\"alertmanager\"}");
        long integrationId = created.json().get("id").asLong();
        String hookUrl = created.json().get("url").asString().replace("localhost", "127.0.0.1");

        int amPort = freePort();
        Path dir = Files.createTempDirectory("cairn-alertmanager");
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: cairn
                  group_by: ['alertname', 'instance']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: cairn
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                """.formatted(hookUrl));
        alertmanager = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + amPort,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        Api am = new Api("http://127.0.0.1:" + amPort, null);
        await("Alertmanager ready")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ready(am));

        Instant start = Instant.now().minusSeconds(60);
        Response posted = am.post("/api/v2/alerts", alerts(start, null));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);

        await("every alert stored once")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> groups(integrationId, "firing").size() == ALERTS);
        List<JsonNode> firing = groups(integrationId, "firing");
        Set<String> instances =
                firing.stream().map(g -> g.get("source").asString()).collect(Collectors.toSet());
        assertThat(instances).hasSize(ALERTS);
        assertThat(firing.stream()
                        .map(g -> g.get("dedupKey").asString())
                        .distinct()
                        .count())
                .isEqualTo(ALERTS);

        am.post("/api/v2/alerts", alerts(start, Instant.now().minusSeconds(1)));
        await("every resolve stored")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> groups(integrationId, "resolved").size() == ALERTS);
        assertThat(groups(integrationId, "firing")).isEmpty();
        assertThat(groups(integrationId, null)).as("no duplicate groups").hasSize(ALERTS);

        double refusals = Double.parseDouble(api(null)
                .get("/actuator/prometheus")
                .body()
                .lines()
                .filter(l -> l.startsWith("cairn_alerting_overload_refusals_total"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".* ", ""));
        assertThat(refusals)
                .as("the node really was overloaded and answered 503")
                .isPositive();
        long stored = jdbc.sql("select count(*) from alerts where integration_id = ?")
                .param(integrationId)
                .query(Long.class)
                .single();
        assertThat(stored)
                .as("each firing and each resolve stored (Alertmanager may repeat after a 503)")
                .isGreaterThanOrEqualTo(2L * ALERTS);
    }

    private static String alerts(Instant start, Instant end) {
        return IntStream.range(0, ALERTS)
                .mapToObj(i -> "{\"labels\":{\"alertname\":\"Storm\",\"instance\":\"node-" + i
                        + "\",\"severity\":\"warning\"},"
                        + "\"annotations\":{\"summary\":\"Storm on node-" + i + "\"},\"startsAt\":\"" + start + "\""
                        + (end == null ? "" : ",\"endsAt\":\"" + end + "\"") + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private List<JsonNode> groups(long integrationId, String status) {
        JsonNode page = admin().get("/api/v1/alert-groups?limit=200&integrationId=" + integrationId
                        + (status == null ? "" : "&status=" + status))
                .json();
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    private static boolean ready(Api am) {
        try {
            return am.get("/-/ready").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
