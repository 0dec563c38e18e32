package dev.cairn.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.TestMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the database guards under concurrent requests: one publication per incident, one confirmation per address. */
class StatusPageConcurrencyTest extends StatusPageSupport {

    @Test
    void writersPublishingTheSameIncidentAtOnceGetOne201AndOtherwise409() throws Exception {
        Person ada = person(Role.RESPONDER);
        long incident = declare(ada.api(), "Race " + tag(), "default", List.of());
        List<Integer> statuses = all(
                8,
                i -> () -> publish(ada.api(), incident, "Race " + i, "m", "investigating", Map.of())
                        .status());
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    }

    @Test
    void concurrentSignUpsOfOneAddressSendOneConfirmation() throws Exception {
        String address = "race-" + tag() + "@example.test";
        List<Integer> statuses = all(
                8,
                i -> () -> new Browser(port)
                        .postWithoutCsrf("/status/subscribe", Map.of("email", address))
                        .statusCode());
        assertThat(statuses).containsOnly(200);
        // A later sign-up of another address is the marker that the outbox got past these.
        String marker = "marker-" + tag() + "@example.test";
        new Browser(port).postWithoutCsrf("/status/subscribe", Map.of("email", marker));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(marker).size() == 1);
        assertThat(TestMail.to(address)).hasSize(1);
    }

    private interface Task {
        Callable<Integer> of(int i);
    }

    private static List<Integer> all(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task.of(i)));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
