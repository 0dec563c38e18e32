package dev.cairn.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A status change and a background job touching the same incident at the same moment: the job
 * holds its own row (here the incident's nudge watch, as a nudge check does) and then writes a
 * timeline entry for the incident, while the status change holds the incident and waits for the
 * job's row. Both must finish; before the incident lock allowed foreign-key inserts, PostgreSQL
 * killed one of them as a deadlock and the responder saw a 500 when resolving.
 */
class StatusChangeBesideJobsTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void resolvingWhileANudgeCheckWritesToTheTimelineSucceedsForBoth() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresSelected(), "row locks as PostgreSQL takes them");
        Person commander = person(Role.RESPONDER);
        long id = commander
                .api()
                .post("/api/v1/incidents", "{\"title\":\"Queue backlog grows\",\"severity\":\"SEV2\"}")
                .json()
                .get("id")
                .asLong();

        try (Connection job = dataSource.getConnection()) {
            job.setAutoCommit(false);
            try (PreparedStatement watch =
                    job.prepareStatement("select * from guidance_watches where incident_id = ? for update")) {
                watch.setLong(1, id);
                watch.executeQuery().close();
            }
            CompletableFuture<Response> resolving = CompletableFuture.supplyAsync(
                    () -> commander.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}"));
            // The status change now holds the incident and waits for the watch row the "job" holds.
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnALock("guidance_watches"));
            try (PreparedStatement entry = job.prepareStatement("insert into timeline_entries (incident_id, kind,"
                    + " body, source, occurred_at, created_at) values (?, 'nudge', 'No update yet', 'system',"
                    + " current_timestamp, current_timestamp)")) {
                entry.setLong(1, id);
                assertThat(entry.executeUpdate()).isEqualTo(1);
            }
            job.commit();

            Response resolved = resolving.get(30, TimeUnit.SECONDS);
            assertThat(resolved.status()).isEqualTo(200);
            assertThat(resolved.json().get("status").asString()).isEqualTo("resolved");
        }
    }

    private boolean waitingOnALock(String table) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like 'update " + table + "%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
