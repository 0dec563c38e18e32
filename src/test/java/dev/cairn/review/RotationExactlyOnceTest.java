package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.review.internal.RotationStore;
import dev.cairn.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Two nodes (or a retry) recording an incident's reviewer at the same moment: one wins, once. */
class RotationExactlyOnceTest extends IntegrationTest {

    @Autowired
    RotationStore store;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void concurrentAssignmentsOfOneIncidentRecordExactlyOne() throws Exception {
        Person ada = person(Role.RESPONDER);
        long id = RotationFlowTest.declare(ada, "SEV4", "default");
        int workers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            long reviewer = person(Role.RESPONDER).id();
            results.add(pool.submit(() -> {
                start.await();
                return transactions.execute(
                        tx -> store.assignOnce(id, reviewer, "node " + reviewer, null, Instant.now()));
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
            won += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(store.assignment(id)).isPresent();
        assertThat(store.assignment(id).orElseThrow().reason()).startsWith("node ");
    }
}
