package dev.cairn.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Items decided "do" are created in Linear (a local fake of its GraphQL API) with the same
 * guarantees as GitHub and Jira: linked with the issue's identifier and page, never two issues
 * after a timeout, a refused key fails for good, a rate limit waits until Linear's reset, and a
 * completed (or canceled) issue marks the item done on the next poll.
 */
@TestPropertySource(
        properties = {
            "cairn.trackers.linear.api-key=" + FakeTrackers.LINEAR_KEY,
            "cairn.trackers.http-timeout=PT1S",
            "cairn.trackers.poll-interval=PT1H"
        })
class LinearTrackerTest extends TrackerTests {

    static final FakeTrackers FAKE = FakeTrackers.start();

    @DynamicPropertySource
    static void trackers(DynamicPropertyRegistry registry) {
        registry.add("cairn.trackers.linear.api-url", () -> FAKE.url() + "/linear/");
    }

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    /** A Cairn team mapped to a fresh Linear team (by key, as an admin types it: lower case is fine). */
    Setup setup() {
        Person ada = person(Role.RESPONDER);
        Person owner = person(Role.RESPONDER);
        String suffix = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String key = "E" + (suffix + "abcd").substring(0, 4).toUpperCase();
        FAKE.linearTeam(key);
        var team = teams.create("Linear " + key + UUID.randomUUID().toString().substring(0, 4), "", Actor.SYSTEM);
        teams.addMember(team.id(), owner.id(), Actor.SYSTEM);
        trackers.map(team.id(), "linear", key.toLowerCase(), Actor.SYSTEM);
        return new Setup(ada, owner, key, ActionFlowTest.declare(ada, "default"));
    }

    @Test
    void decidingDoCreatesOneLinearIssueAndCompletedMarksTheItemDone() {
        Setup s = setup();
        long item = decideDo(s, "Page on replication lag");
        await().until(() -> "linked".equals(syncState(s, item)));

        assertThat(FAKE.linearIssues(s.target())).hasSize(1);
        FakeTrackers.FakeIssue issue = FAKE.linearIssues(s.target()).getFirst();
        assertThat(issue.title).isEqualTo("Page on replication lag");
        assertThat(issue.body).contains("INC-" + s.incident()).endsWith("Cairn action `cairn-action-" + item + "`");
        JsonNode linked = item(s, item).get("sync");
        assertThat(linked.get("externalKey").asString()).isEqualTo(s.target() + "-1");
        assertThat(linked.get("url").asString()).isEqualTo("https://linear.example/acme/issue/" + s.target() + "-1");
        assertThat(signedIn(s.ada())
                        .get("/incidents/" + s.incident() + "/actions/card")
                        .body())
                .contains(s.target() + "-1", "https://linear.example/acme/issue/" + s.target() + "-1");
        assertThat(ActionFlowTest.timeline(s.ada(), s.incident()))
                .contains("Action \u201cPage on replication lag\u201d is " + s.target() + "-1 in Linear");

        // The poll itself, as the other tracker tests do: the poller's schedule lives in the database
        // all test contexts share, so moving this context's clock does not reliably reach it.
        issue.stateType = "completed";
        sync.poll();
        await().until(() -> item(s, item).get("done").asBoolean());
        assertThat(item(s, item).get("doneByName").asString()).isEqualTo("Linear");
        assertThat(ActionFlowTest.timeline(s.ada(), s.incident()))
                .contains("Action done: \u201cPage on replication lag\u201d, closed in Linear (" + s.target() + "-1)");

        issue.stateType = "started";
        sync.poll();
        assertThat(item(s, item).get("done").asBoolean()).as("reopened").isFalse();

        issue.stateType = "canceled";
        sync.poll();
        assertThat(item(s, item).get("done").asBoolean())
                .as("canceled counts as done, like Jira's done category")
                .isTrue();
    }

    @Test
    void aTimeoutOnCreateIsRetriedByFindingTheMarkerWithoutASecondIssue() {
        Setup s = setup();
        FAKE.hold("linear.create");
        long item = decideDo(s, "Shorten the failover");
        await().until(() -> lastError(s, item).contains("no answer within 1 s"));
        FAKE.release();
        assertThat(FAKE.linearIssues(s.target()))
                .as("the issue exists, Cairn did not hear")
                .hasSize(1);

        clock.advance(Duration.ofSeconds(31));
        jobs.runDue();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.linearIssues(s.target()))
                .as("found by its marker, not created again")
                .hasSize(1);
        assertThat(item(s, item).get("sync").get("externalKey").asString()).isEqualTo(s.target() + "-1");
        JsonNode search = FAKE.linearCalls.stream()
                .filter(v -> v.has("filter"))
                .findFirst()
                .orElseThrow()
                .get("filter");
        assertThat(search.path("team").path("key").path("eq").asString()).isEqualTo(s.target());
        assertThat(search.path("description").path("contains").asString()).isEqualTo("cairn-action-" + item);
        assertThat(search.path("createdAt").path("gte").asString()).isNotEmpty();
    }

    @Test
    void anAuthenticationErrorFailsForGoodAndShowsOnTheAdminPage() {
        Setup s = setup();
        FAKE.graphqlError("linear.create", 200, "AUTHENTICATION_ERROR", Map.of());
        long item = decideDo(s, "Rotate the Linear key");
        await().until(() -> "failed".equals(syncState(s, item)));
        assertThat(lastError(s, item)).contains("AUTHENTICATION_ERROR: the tracker refused the credentials");
        assertThat(FAKE.linearIssues(s.target())).isEmpty();

        Person admin = person(Role.ADMIN);
        String page = signedIn(admin).get("/admin/trackers").body();
        assertThat(page)
                .contains("Linear", "configured", FAKE.url() + "/linear", "Rotate the Linear key")
                .contains("<option value=\"linear\">Linear</option>");
        var retried = signedIn(admin).postForm("/admin/trackers/retry", Map.of(), "/admin/trackers");
        assertThat(retried.statusCode()).isEqualTo(302);
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.linearIssues(s.target())).hasSize(1);
    }

    @Test
    void aRateLimitWaitsUntilLinearsResetThenCreates() {
        Setup s = setup();
        Instant reset = clock.instant().plusSeconds(90);
        FAKE.graphqlError(
                "linear.create",
                400,
                "RATELIMITED",
                Map.of("X-RateLimit-Requests-Reset", String.valueOf(reset.toEpochMilli())));
        long item = decideDo(s, "Batch the deploy notifications");
        await().until(() -> lastError(s, item).contains("asked to wait 90 s"));
        assertThat(syncState(s, item)).isEqualTo("pending");
        assertThat(nextAttempt(item))
                .as("the next attempt waits for Linear's reset, not the 30 s backoff")
                .isEqualTo(Instant.ofEpochMilli(reset.toEpochMilli()));

        clock.advance(Duration.ofSeconds(91));
        jobs.runDue();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.linearIssues(s.target())).hasSize(1);
    }

    @Test
    void http429HonoursRetryAfterAndAServerErrorIsRetried() {
        Setup s = setup();
        FAKE.fail("linear.create", 429, Map.of("Retry-After", "120"));
        long item = decideDo(s, "Cache the status page");
        await().until(() -> lastError(s, item).contains("asked to wait 120 s"));
        Instant failedAt = clock.instant();
        assertThat(nextAttempt(item)).isEqualTo(failedAt.plusSeconds(120));

        FAKE.fail("linear.search", 502, Map.of());
        clock.advance(Duration.ofSeconds(121));
        jobs.runDue();
        await().until(() -> lastError(s, item).contains("HTTP 502"));
        assertThat(syncState(s, item)).as("a 5xx is retried").isEqualTo("pending");

        clock.advance(Duration.ofMinutes(5));
        jobs.runDue();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.linearIssues(s.target())).hasSize(1);
    }

    @Test
    void aLinearTargetMustBeATeamKeyOrId() {
        var bad = org.assertj.core.api.Assertions.catchThrowable(
                () -> trackers.map(null, "linear", "not a key!", Actor.SYSTEM));
        assertThat(bad).hasMessageContaining("Linear team key");
        String id = UUID.randomUUID().toString();
        assertThat(trackers.map(null, "linear", id.toUpperCase(), Actor.SYSTEM).target())
                .isEqualTo(id);
        trackers.unmap(null, Actor.SYSTEM);
    }
}
