package dev.cairn.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.notification.internal.DeliveryWorker;
import dev.cairn.notification.internal.Outbox;
import dev.cairn.shared.Times;
import dev.cairn.support.TestMail;
import dev.cairn.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nodes die and executions run again: what is recorded as sent is never sent twice, a claim left by
 * a dead node is taken over (and the lost try is shown), and two nodes never both send.
 */
class OutboxRecoveryTest extends NotificationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    DeliveryWorker worker;

    @Test
    void aDeliveryRecordedAsSentIsNotSentAgainWhenItsExecutionRunsAgain() {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        email(ada, "Work", inbox);
        String topic = unique("page");
        long id = notifications.notify(ada.id(), page(topic)).getFirst().id();
        await().until(() -> only(topic).status().equals("sent"));

        // The node recorded the result and died before db-scheduler removed the execution.
        outbox.schedule(id, clock.instant());
        jobs.runDue();
        await().until(() -> !executionExists(id));

        assertThat(TestMail.to(inbox)).hasSize(1);
        assertThat(only(topic).attempts()).hasSize(1);
    }

    @Test
    void aClaimLeftByANodeThatDiedWhileSendingIsTakenOverAndTheLostTryIsShown() {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        long work = email(ada, "Work", inbox);
        rule(ada, work, 5);
        String topic = unique("page");
        long id = notifications.notify(ada.id(), page(topic)).getFirst().id();

        // A node claimed it when it fell due and died before recording anything.
        Instant due = clock.instant().plus(Duration.ofMinutes(5));
        jdbc.sql("update notification_deliveries set status = 'sending', version = version + 1,"
                        + " claimed_by = 'dead-node', claimed_at = ? where id = ?")
                .params(Times.db(due), id)
                .update();
        advance(Duration.ofMinutes(5));
        stillAfterRunning().until(() -> TestMail.to(inbox).isEmpty());
        assertThat(only(topic).status())
                .as("a fresh claim may still be sending")
                .isEqualTo("pending");

        advance(Duration.ofSeconds(30));
        await().until(() -> only(topic).status().equals("sent"));
        assertThat(TestMail.to(inbox)).hasSize(1);
        DeliveryView sent = only(topic);
        assertThat(sent.attemptCount()).isEqualTo(2);
        assertThat(sent.attempts()).extracting(AttemptView::outcome).containsExactly("failed", "sent");
        assertThat(sent.attempts().getFirst().detail()).startsWith("interrupted");
    }

    @Test
    void twoNodesRunningTheSameDeliveryAtOnceSendItOnce() throws Exception {
        Person ada = person(Role.RESPONDER);
        try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
            Hook hook = webhook(ada, "Bridge", receiver.url());
            receiver.secret(hook.secret());
            rule(ada, hook.id(), 10);
            String topic = unique("page");
            long id = notifications.notify(ada.id(), page(topic)).getFirst().id();
            // Due now for the two racing workers, while its own execution waits ten minutes.
            jdbc.sql("update notification_deliveries set due_at = ? where id = ?")
                    .params(Times.db(clock.instant()), id)
                    .update();

            CountDownLatch go = new CountDownLatch(1);
            Callable<Object> node = () -> {
                go.await();
                return worker.run(id, Thread.currentThread().getName());
            };
            try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
                List<Future<Object>> runs = List.of(nodes.submit(node), nodes.submit(node));
                go.countDown();
                for (Future<Object> run : runs) {
                    run.get();
                }
            }
            await().until(() -> only(topic).status().equals("sent"));
            stillAfterRunning().until(() -> receiver.count() == 1);
            assertThat(only(topic).attempts()).hasSize(1);
        }
    }

    private boolean executionExists(long id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                        .params(Outbox.TASK_NAME, String.valueOf(id))
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
