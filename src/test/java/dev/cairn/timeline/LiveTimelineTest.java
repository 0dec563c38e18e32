package dev.cairn.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.CairnApplication;
import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.SseClient;
import dev.cairn.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The live room over the API stream: a new entry reaches open streams, edits and stars are
 * announced, a reconnecting client catches up from Last-Event-ID, and with two Cairn nodes on
 * one PostgreSQL an entry posted on node A reaches a stream served by node B.
 */
class LiveTimelineTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void newEntriesAndChangesReachOpenStreams() {
        Person ada = person(Role.RESPONDER);
        long id = declare(ada.api(), "Live stream check");
        try (SseClient stream = new SseClient(url("/api/v1/incidents/" + id + "/stream"), ada.token())) {
            assertThat(stream.status()).isEqualTo(200);
            stream.await(e -> e.name().equals("ready"), WAIT);

            long entryId = ada.api()
                    .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"line one\\nline two\"}")
                    .json()
                    .get("id")
                    .asLong();
            SseClient.Event entry =
                    stream.await(e -> e.name().equals("entry") && e.data().contains("line one"), WAIT);
            assertThat(entry.id()).isEqualTo(String.valueOf(entryId));
            assertThat(Api.JSON.readTree(entry.data()).get("body").asString()).isEqualTo("line one\nline two");

            ada.api().patch("/api/v1/timeline/" + entryId, "{\"starred\":true}");
            SseClient.Event starred = stream.await(e -> e.name().equals("entry-changed"), WAIT);
            assertThat(Api.JSON.readTree(starred.data()).get("starred").asBoolean())
                    .isTrue();

            ada.api().patch("/api/v1/incidents/" + id, "{\"status\":\"identified\"}");
            SseClient.Event incident = stream.await(e -> e.name().equals("incident"), WAIT);
            assertThat(Api.JSON.readTree(incident.data()).get("status").asString())
                    .isEqualTo("identified");
        }
    }

    @Test
    void aReconnectingClientReceivesWhatItMissed() {
        Person ada = person(Role.RESPONDER);
        long id = declare(ada.api(), "Reconnect check");
        long seen = ada.api()
                .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"before the gap\"}")
                .json()
                .get("id")
                .asLong();
        ada.api().post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"during the gap\"}");

        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url("/api/v1/incidents/" + id + "/stream")))
                .header("Authorization", "Bearer " + ada.token())
                .header("Last-Event-ID", String.valueOf(seen))
                .build();
        try (SseClient stream = new SseClient(request)) {
            SseClient.Event missed = stream.await(e -> e.name().equals("entry"), WAIT);
            assertThat(missed.data()).contains("during the gap").doesNotContain("before the gap");
        }
    }

    @Test
    void anEntryPostedOnOneNodeReachesAStreamOnAnother() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                TestDatabase.postgresSelected(), "cross-node fan-out uses PostgreSQL LISTEN/NOTIFY");
        Person ada = person(Role.RESPONDER);
        long id = declare(ada.api(), "Two nodes");
        // Arguments, not default properties: those would lose to application.yml's H2 default.
        String[] args = TestDatabase.shared().entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(CairnApplication.class)
                .properties("server.port=0", "cairn.jobs.threads=4", "spring.datasource.hikari.maximum-pool-size=6")
                .run(args)) {
            int portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
            assertThat(portB).isNotEqualTo(port);
            try (SseClient onB =
                    new SseClient("http://localhost:" + portB + "/api/v1/incidents/" + id + "/stream", ada.token())) {
                assertThat(onB.status()).isEqualTo(200);
                onB.await(e -> e.name().equals("ready"), WAIT);
                ada.api().post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"posted on node A\"}");
                SseClient.Event arrived = onB.await(e -> e.name().equals("entry"), WAIT);
                assertThat(arrived.data()).contains("posted on node A");
            }
        }
    }

    private static long declare(Api api, String title) {
        return api.post("/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
