package dev.cairn.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.action.internal.TrackerSync;
import dev.cairn.identity.Teams;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** What the tracker sync tests share: an incident's items decided "do", read back through the API. */
abstract class TrackerTests extends IntegrationTest {

    @Autowired
    Teams teams;

    @Autowired
    Trackers trackers;

    @Autowired
    TrackerSync sync;

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    /** A team mapped to a fresh repository, project or Linear team, an owner in it, and an incident. */
    record Setup(Person ada, Person owner, String target, long incident) {}

    long decideDo(Setup s, String title) {
        long item = ActionFlowTest.propose(s.ada(), s.incident(), title);
        ActionFlowTest.decideDo(
                s.ada(),
                s.incident(),
                item,
                s.owner().id(),
                LocalDate.now(clock).plusDays(7));
        return item;
    }

    JsonNode item(Setup s, long item) {
        return s.ada()
                .api()
                .get("/api/v1/incidents/" + s.incident() + "/actions/" + item)
                .json();
    }

    String syncState(Setup s, long item) {
        JsonNode sync = item(s, item).get("sync");
        return sync == null || sync.isNull() ? null : sync.get("state").asString();
    }

    String lastError(Setup s, long item) {
        return item(s, item).path("sync").path("lastError").asString("");
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
    }

    Instant nextAttempt(long item) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(TrackerSync.CREATE_TASK, String.valueOf(item))
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    Browser signedIn(Person who) {
        Browser browser = new Browser(port);
        assertThat(browser.signIn(who.email(), who.password()).statusCode()).isEqualTo(302);
        return browser;
    }
}
