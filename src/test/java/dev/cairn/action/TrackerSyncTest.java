package dev.cairn.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Items decided "do" are created in GitHub or Jira (local fakes) once, whatever goes wrong — a
 * refused token, 429 with Retry-After, 5xx, an answer lost after the issue was created, a timeout,
 * concurrent attempts — and the tracker's state comes back: closed marks done, reopened not done.
 * Failures show on the card and on the admin page.
 */
@TestPropertySource(
        properties = {
            "cairn.trackers.github.token=" + FakeTrackers.GITHUB_TOKEN,
            "cairn.trackers.jira.email=" + FakeTrackers.JIRA_EMAIL,
            "cairn.trackers.jira.api-token=" + FakeTrackers.JIRA_TOKEN,
            "cairn.trackers.http-timeout=PT1S",
            "cairn.trackers.poll-interval=PT1H"
        })
class TrackerSyncTest extends TrackerTests {

    static final FakeTrackers FAKE = FakeTrackers.start();

    @DynamicPropertySource
    static void trackers(DynamicPropertyRegistry registry) {
        registry.add("cairn.trackers.github.api-url", () -> FAKE.url() + "/github/");
        registry.add("cairn.trackers.jira.url", () -> FAKE.url() + "/jira");
    }

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    Setup setup(String tracker) {
        Person ada = person(Role.RESPONDER);
        Person owner = person(Role.RESPONDER);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        var team = teams.create("Sync " + suffix, "", Actor.SYSTEM);
        teams.addMember(team.id(), owner.id(), Actor.SYSTEM);
        String target = tracker.equals("github")
                ? "acme/repo-" + suffix
                : "P" + suffix.replaceAll("[^a-z0-9]", "").toUpperCase();
        trackers.map(team.id(), tracker, target, Actor.SYSTEM);
        return new Setup(ada, owner, target, ActionFlowTest.declare(ada, "default"));
    }

    @Test
    void decidingDoCreatesOneGitHubIssueAndItsStateComesBack() {
        Setup s = setup("github");
        long item = decideDo(s, "Alert before the disk fills");
        await().until(() -> "linked".equals(syncState(s, item)));

        assertThat(FAKE.githubIssues(s.target())).hasSize(1);
        FakeTrackers.FakeIssue issue = FAKE.githubIssues(s.target()).getFirst();
        assertThat(issue.title).isEqualTo("Alert before the disk fills");
        assertThat(issue.body).contains("INC-" + s.incident(), "cairn-action-" + item);
        JsonNode linked = item(s, item).get("sync");
        assertThat(linked.get("externalKey").asString()).isEqualTo(s.target() + "#1");
        String card = signedIn(s.ada())
                .get("/incidents/" + s.incident() + "/actions/card")
                .body();
        assertThat(card).contains(s.target() + "#1", "https://github.example/" + s.target() + "/issues/1", "synced");

        issue.open = false;
        sync.poll();
        JsonNode closed = item(s, item);
        assertThat(closed.get("done").asBoolean()).isTrue();
        assertThat(closed.get("doneByName").asString()).isEqualTo("GitHub");
        assertThat(ActionFlowTest.timeline(s.ada(), s.incident()))
                .contains("Action done: \u201cAlert before the disk fills\u201d, closed in GitHub (" + s.target()
                        + "#1)");

        sync.poll();
        assertThat(ActionFlowTest.timeline(s.ada(), s.incident()).stream()
                        .filter(t -> t.startsWith("Action done"))
                        .count())
                .as("a state is followed once, not every poll")
                .isEqualTo(1);

        issue.open = true;
        sync.poll();
        assertThat(item(s, item).get("done").asBoolean()).isFalse();
        assertThat(ActionFlowTest.timeline(s.ada(), s.incident()))
                .contains("Action reopened: \u201cAlert before the disk fills\u201d, reopened in GitHub (" + s.target()
                        + "#1)");

        s.ada().api().patch("/api/v1/incidents/" + s.incident() + "/actions/" + item, "{\"decision\":\"later\"}");
        s.ada().api().patch("/api/v1/incidents/" + s.incident() + "/actions/" + item, "{\"decision\":\"do\"}");
        assertThat(FAKE.githubIssues(s.target()))
                .as("deciding do again never creates a second issue")
                .hasSize(1);
    }

    @Test
    void jiraIssuesAreCreatedWithTheMarkerLabelAndTheDoneCategoryMarksTheItemDone() {
        Setup s = setup("jira");
        long item = decideDo(s, "Document the failover");
        await().until(() -> "linked".equals(syncState(s, item)));
        List<FakeTrackers.FakeIssue> issues = FAKE.jiraIssues(s.target());
        assertThat(issues).hasSize(1);
        assertThat(issues.getFirst().labels).containsExactly("cairn-action-" + item);
        JsonNode linked = item(s, item).get("sync");
        assertThat(linked.get("url").asString()).isEqualTo(FAKE.url() + "/jira/browse/" + issues.getFirst().key);

        issues.getFirst().open = false;
        sync.poll();
        assertThat(item(s, item).get("done").asBoolean()).isTrue();
    }

    @Test
    void anAnswerLostAfterTheIssueWasCreatedNeverMakesASecondIssue() {
        Setup s = setup("github");
        FAKE.createThenFail("github.create", 502);
        long item = decideDo(s, "Cap the retry storm");
        await().until(() ->
                item(s, item).path("sync").path("lastError").asString("").contains("HTTP 502"));
        assertThat(syncState(s, item)).isEqualTo("pending");
        assertThat(signedIn(s.ada())
                        .get("/incidents/" + s.incident() + "/actions/card")
                        .body())
                .contains("Sync failed, trying again: HTTP 502");

        clock.advance(Duration.ofSeconds(31));
        jobs.runDue();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.githubIssues(s.target()))
                .as("the retry found the issue by its marker")
                .hasSize(1);
        assertThat(item(s, item).get("sync").get("externalKey").asString()).isEqualTo(s.target() + "#1");
    }

    @Test
    void aTimeoutAfterCreatingIsRetriedWithoutADuplicate() {
        Setup s = setup("jira");
        FAKE.hold("jira.create");
        long item = decideDo(s, "Shorten the DNS TTL");
        await().until(() ->
                item(s, item).path("sync").path("lastError").asString("").contains("no answer within 1 s"));
        FAKE.release();

        clock.advance(Duration.ofSeconds(31));
        jobs.runDue();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.jiraIssues(s.target())).hasSize(1);
    }

    @Test
    void retryAfterIsHonouredOn429() {
        Setup s = setup("github");
        FAKE.fail("github.create", 429, Map.of("Retry-After", "120"));
        long item = decideDo(s, "Warm the cache after deploys");
        await().until(() ->
                item(s, item).path("sync").path("lastError").asString("").contains("asked to wait 120 s"));
        Instant failedAt = clock.instant();
        assertThat(nextAttempt(item))
                .as("the next attempt waits as asked, not the 30 s backoff")
                .isEqualTo(failedAt.plusSeconds(120));
        assertThat(FAKE.githubIssues(s.target())).isEmpty();

        clock.advance(Duration.ofSeconds(121));
        jobs.runDue();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.githubIssues(s.target())).hasSize(1);
    }

    @Test
    void aRefusedTokenFailsVisiblyAndAnAdminRetriesOnceItIsFixed() {
        Setup s = setup("github");
        FAKE.fail("github.create", 401, Map.of());
        long item = decideDo(s, "Rotate the deploy key");
        await().until(() -> "failed".equals(syncState(s, item)));
        assertThat(signedIn(s.ada())
                        .get("/incidents/" + s.incident() + "/actions/card")
                        .body())
                .contains("Sync failed (an admin can retry under /admin/trackers): HTTP 401");
        Person admin = person(Role.ADMIN);
        String page = signedIn(admin).get("/admin/trackers").body();
        assertThat(page).contains("HTTP 401: the tracker refused the credentials", "Rotate the deploy key", s.target());
        assertThat(signedIn(s.ada()).get("/admin/trackers").statusCode())
                .as("admins only")
                .isEqualTo(403);

        var retried = signedIn(admin).postForm("/admin/trackers/retry", Map.of(), "/admin/trackers");
        assertThat(retried.statusCode()).isEqualTo(302);
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.githubIssues(s.target())).hasSize(1);
    }

    @Test
    void aServerErrorWhilePollingShowsOnTheCardAndKeepsTheLink() {
        Setup s = setup("github");
        long item = decideDo(s, "Add a canary");
        await().until(() -> "linked".equals(syncState(s, item)));
        FAKE.failOn("github.get", s.target(), 503, Map.of());
        sync.poll();
        assertThat(syncState(s, item)).isEqualTo("linked");
        assertThat(signedIn(s.ada())
                        .get("/incidents/" + s.incident() + "/actions/card")
                        .body())
                .contains("Last sync failed: HTTP 503");
        sync.poll();
        assertThat(item(s, item).get("sync").get("lastError").isNull())
                .as("the next good poll clears it")
                .isTrue();
    }

    @Test
    void concurrentAttemptsCreateOneIssue() throws Exception {
        Setup s = setup("github");
        FAKE.hold("github.create");
        long item = decideDo(s, "Split the monolith's database");
        List<CompletableFuture<?>> racing = List.of(
                CompletableFuture.runAsync(() -> sync.create(item)),
                CompletableFuture.runAsync(() -> sync.create(item)));
        // One attempt is inside GitHub, its answer held; the other must finish without a second issue.
        await().until(() -> FAKE.held() >= 1 || racing.stream().allMatch(CompletableFuture::isDone));
        await().until(() -> racing.stream().anyMatch(CompletableFuture::isDone));
        FAKE.release();
        CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get();
        await().until(() -> "linked".equals(syncState(s, item)));
        assertThat(FAKE.githubIssues(s.target())).hasSize(1);
    }
}
