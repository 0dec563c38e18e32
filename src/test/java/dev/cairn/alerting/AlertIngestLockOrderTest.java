package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Payloads that share dedup keys in a different order, in flight at once, are all stored: rows are
 * locked in key order, so they never deadlock (PostgreSQL aborted one of each such pair, answered
 * 503, before).
 */
class AlertIngestLockOrderTest extends IntegrationTest {

    @Test
    void payloadsSharingKeysInOppositeOrderAreAllAccepted() throws Exception {
        Response created = admin().post("/api/v1/integrations", "{\"name\":\"lock order\",\"kind\":\"alertmanager\"}");
        String hook = created.json().get("url").asString().replaceFirst("^https?://[^/]+", "");
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 25; round++) {
                String a = "k" + round + "-a";
                String b = "k" + round + "-b";
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> forward = senders.submit(() -> send(go, hook, a, b));
                Future<Integer> backward = senders.submit(() -> send(go, hook, b, a));
                go.countDown();
                statuses.add(forward.get());
                statuses.add(backward.get());
            }
        }
        assertThat(statuses).containsOnly(200);
    }

    private int send(CountDownLatch go, String hook, String first, String second) throws InterruptedException {
        go.await();
        String body = "{\"version\":\"4\",\"alerts\":[" + alert(first) + "," + alert(second) + "]}";
        return api(null).post(hook, body).status();
    }

    private static String alert(String key) {
        return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + key + "\"},\"fingerprint\":\"" + key + "\"}";
    }
}
