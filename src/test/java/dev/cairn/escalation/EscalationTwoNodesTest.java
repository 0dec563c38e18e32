package dev.cairn.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.CairnApplication;
import dev.cairn.identity.Role;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two Cairn nodes on one PostgreSQL database, on one moved clock: each escalation step fires
 * exactly once whichever node runs it, even when both try the same step at the same moment; and
 * when the node holding a step dies (its execution picked, its heartbeat stopped — the state a
 * killed process leaves in the database), the other node continues the escalation without firing
 * anything twice.
 */
class EscalationTwoNodesTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext nodeB;

    @Autowired
    Jobs jobs;

    @Autowired
    Paging paging;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void secondNode() {
        assumeTrue(TestDatabase.postgresSelected(), "two nodes share a PostgreSQL database");
        if (nodeB == null) {
            String[] args = TestDatabase.shared().entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            nodeB = new SpringApplicationBuilder(CairnApplication.class)
                    .properties(
                            "server.port=0",
                            "cairn.node-name=node-b",
                            "cairn.jobs.threads=8",
                            "spring.datasource.hikari.maximum-pool-size=12")
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
                    .run(args);
        }
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Test
    void eachStepFiresOnceWithTwoNodesRacingForIt() throws Exception {
        Person ada = person(Role.RESPONDER);
        long id = openPage(ada, 3, "Race");
        awaitNotified(id, 1);
        Paging pagingB = nodeB.getBean(Paging.class);
        for (int step = 1; step < 3; step++) {
            clock.advance(Duration.ofMinutes(1));
            long version = version(id);
            // Both nodes fire the same step at the same moment, as two revived executions would.
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> onA = CompletableFuture.runAsync(() -> fireAfter(go, paging, id, version));
            CompletableFuture<Void> onB = CompletableFuture.runAsync(() -> fireAfter(go, pagingB, id, version));
            go.countDown();
            CompletableFuture.allOf(onA, onB).get();
            bothRunDue();
            awaitNotified(id, step + 1);
        }
        clock.advance(Duration.ofMinutes(5));
        bothRunDue();
        await().atMost(WAIT).until(() -> history(id).contains("exhausted"));
        assertThat(history(id).stream().filter("step"::equals)).hasSize(3);
        assertThat(notified(id)).containsExactly(ada.id(), ada.id(), ada.id());
    }

    @Test
    void whenTheNodeHoldingAStepDiesTheOtherContinuesWithoutFiringTwice() {
        Person ada = person(Role.RESPONDER);
        long id = openPage(ada, 3, "Dead node");
        awaitNotified(id, 1);

        // A node picked step 2 and was killed before it ran: picked, heartbeat stopped.
        String step2 = id + ":1";
        assertThat(dieHolding(step2)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        Instant died = clock.instant();
        bothRunDue();
        awaitNotified(id, 2);
        assertThat(lastStepAt(id)).isAfterOrEqualTo(died);

        // A node ran step 3 and committed, then was killed before marking its execution done: the
        // revived execution finds the page already past that version and fires nothing.
        clock.advance(Duration.ofMinutes(1));
        long version = version(id);
        paging.fire(id, version);
        assertThat(dieHolding(id + ":" + version)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        bothRunDue();
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                                .param(id + ":" + version)
                                .query(Long.class)
                                .single()
                        == 0);
        assertThat(notified(id)).containsExactly(ada.id(), ada.id(), ada.id());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private long openPage(Person ada, int steps, String title) {
        String stepJson = "{\"delayMinutes\":1,\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]}";
        Response policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"" + title + " " + EscalationFlowTest.tag() + "\",\"steps\":["
                                + String.join(",", java.util.Collections.nCopies(steps, stepJson)) + "]}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        Response page = ada.api()
                .post(
                        "/api/v1/pages",
                        "{\"policyId\":" + policy.json().get("id").asLong() + ",\"title\":\"" + title + "\"}");
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        return page.json().get("id").asLong();
    }

    /** The database state of a node killed while holding an execution. */
    private int dieHolding(String instance) {
        return jdbc.sql("update scheduled_tasks set picked = true, picked_by = 'killed-node', last_heartbeat = ?,"
                        + " version = version + 1 where task_name = ? and task_instance = ?")
                .params(
                        java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC),
                        Paging.STEP_TASK,
                        instance)
                .update();
    }

    private static void fireAfter(CountDownLatch go, Paging node, long id, long version) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.fire(id, version);
    }

    private void bothRunDue() {
        jobs.runDue();
        nodeB.getBean(Jobs.class).runDue();
    }

    private long version(long id) {
        return jdbc.sql("select version from pages where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private Instant lastStepAt(long id) {
        return jdbc.sql("select max(at) from page_events where page_id = ? and kind = 'step'")
                .param(id)
                .query((rs, n) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }

    private List<String> history(long id) {
        return StreamSupport.stream(
                        admin().get("/api/v1/pages/" + id).json().get("history").spliterator(), false)
                .map(e -> e.get("kind").asString())
                .toList();
    }

    private List<Long> notified(long id) {
        JsonNode history = admin().get("/api/v1/pages/" + id).json().get("history");
        return StreamSupport.stream(history.spliterator(), false)
                .filter(e -> e.get("kind").asString().equals("notified"))
                .map(e -> e.get("userId").asLong())
                .toList();
    }

    private void awaitNotified(long id, int times) {
        bothRunDue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(notified(id)).hasSize(times));
        assertThat(notified(id)).hasSize(times);
    }
}
