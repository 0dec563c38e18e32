package dev.cairn.action.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.Markdown;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates an item's issue in its tracker and brings the tracker's state back.
 *
 * <p>Creation never makes two issues for one item. A short transaction claims the item (state
 * {@code creating}, the item's marker stored, a claim deadline) so no other node calls the tracker
 * for it meanwhile; the call happens outside any transaction; a second transaction links the issue.
 * If the answer never came (timeout, 5xx, a node that died between the call and the link), the
 * next attempt first looks for an issue carrying the marker and links that one instead.
 */
@Component
public class TrackerSync {

    public static final String CREATE_TASK = "action-tracker-create";
    public static final String POLL_TASK = "action-tracker-poll";

    private static final Logger log = LoggerFactory.getLogger(TrackerSync.class);
    /** A claim outlives any call: twice the HTTP timeout, plus slack. */
    private static final Duration CLAIM_SLACK = Duration.ofSeconds(30);

    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(30);

    private final ActionStore actions;
    private final TrackerStore trackers;
    private final TrackerSettings settings;
    private final Map<String, IssueTracker> clients;
    private final Timeline timeline;
    private final Notifications notifications;
    private final Jobs jobs;
    private final OneTimeTask<Void> createTask;
    private final TransactionTemplate tx;
    private final Clock clock;

    TrackerSync(
            ActionStore actions,
            TrackerStore trackers,
            TrackerSettings settings,
            List<IssueTracker> clients,
            Timeline timeline,
            Notifications notifications,
            Jobs jobs,
            TransactionTemplate tx,
            Clock clock) {
        this.actions = actions;
        this.trackers = trackers;
        this.settings = settings;
        this.clients = clients.stream().collect(java.util.stream.Collectors.toMap(IssueTracker::name, c -> c));
        this.timeline = timeline;
        this.notifications = notifications;
        this.jobs = jobs;
        this.createTask = createTask();
        this.tx = tx;
        this.clock = clock;
    }

    /** The task's definition; the bean that runs it is in {@link ActionTasks}. */
    static OneTimeTask<Void> createTask() {
        return Tasks.oneTime(CREATE_TASK).execute((instance, context) -> {});
    }

    /** Schedules the creation (in the caller's transaction: it exists only if that commits). */
    public void schedule(long actionId, Instant at) {
        jobs.scheduleIfAbsent(createTask.instance(String.valueOf(actionId)), at);
    }

    /**
     * One creation attempt. Returns when to try again, or empty when done (linked, failed for good,
     * or nothing to do).
     */
    public Optional<Instant> create(long actionId) {
        Instant now = clock.instant();
        Duration claim = settings.httpTimeout().multipliedBy(4).plus(CLAIM_SLACK);
        String marker = settings.marker(actionId);
        Boolean claimed = tx.execute(s -> actions.claim(actionId, marker, now, now.plus(claim)));
        if (!Boolean.TRUE.equals(claimed)) {
            return Optional.empty();
        }
        ActionRow row = actions.find(actionId).orElseThrow();
        IssueTracker client = clients.get(row.tracker());
        if (client == null || !settings.configured(row.tracker())) {
            return failed(row, new Result.Failure<>(notConfigured(row.tracker()), false, null));
        }
        Result<Issue> result;
        if (row.syncAttempts() > 1) {
            // An earlier attempt may have created the issue without Cairn hearing back.
            Result<Optional<Issue>> found = client.find(row.trackerTarget(), row.syncMarker(), row.syncStartedAt());
            if (found instanceof Result.Failure<Optional<Issue>> f) {
                return failed(row, f.cast());
            }
            Optional<Issue> existing = ((Result.Ok<Optional<Issue>>) found).value();
            result = existing.isPresent()
                    ? Result.ok(existing.get())
                    : client.create(row.trackerTarget(), row.title(), body(row), row.syncMarker());
        } else {
            result = client.create(row.trackerTarget(), row.title(), body(row), row.syncMarker());
        }
        if (result instanceof Result.Failure<Issue> f) {
            return failed(row, f);
        }
        Issue issue = ((Result.Ok<Issue>) result).value();
        tx.executeWithoutResult(s -> {
            Instant at = clock.instant();
            actions.linked(actionId, issue.key(), issue.url(), issue.open(), at);
            trackers.ok(row.tracker(), at);
            timeline.record(
                    row.incidentId(),
                    "action_linked",
                    "Action \u201c" + row.title() + "\u201d is " + issue.key() + " in " + trackerName(row.tracker()),
                    Map.of("actionId", String.valueOf(actionId), "url", issue.url()),
                    Actor.SYSTEM);
        });
        log.info("action_synced action={} tracker={} key={}", actionId, row.tracker(), issue.key());
        return Optional.empty();
    }

    private Optional<Instant> failed(ActionRow row, Result.Failure<?> failure) {
        Instant now = clock.instant();
        String error = failure.reason();
        tx.executeWithoutResult(s -> {
            actions.syncFailed(row.id(), failure.retry(), error, now);
            trackers.error(row.tracker() == null ? "unknown" : row.tracker(), error, now);
        });
        log.warn(
                "action_sync_failed action={} tracker={} attempt={} retry={} reason={}",
                row.id(),
                row.tracker(),
                row.syncAttempts(),
                failure.retry(),
                error);
        if (!failure.retry()) {
            return Optional.empty();
        }
        Instant backoff = now.plus(backoff(row.syncAttempts()));
        return Optional.of(
                failure.notBefore() != null && failure.notBefore().isAfter(now) ? failure.notBefore() : backoff);
    }

    /** 30 s, 1 min, 2 min … at most 30 min apart: a tracker that is down is tried until it is back. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    /**
     * Reads the state of up to a batch of linked items, least recently synced first, and follows
     * changes: closed (or done) in the tracker marks the item done, reopened marks it not done.
     * Stops early when a tracker asks Cairn to wait. Returns how many items were read.
     */
    public int poll() {
        // Only trackers Cairn can reach: items of another must not take the whole batch every time.
        List<String> reachable =
                clients.keySet().stream().filter(settings::configured).toList();
        List<ActionRow> due = actions.dueForPoll(reachable, settings.pollBatch());
        int read = 0;
        java.util.Set<String> waiting = new java.util.HashSet<>();
        for (ActionRow row : due) {
            IssueTracker client = clients.get(row.tracker());
            if (client == null || waiting.contains(row.tracker())) {
                continue;
            }
            Result<Issue> result = client.get(row.trackerTarget(), row.externalKey());
            Instant now = clock.instant();
            if (result instanceof Result.Failure<Issue> f) {
                tx.executeWithoutResult(s -> {
                    actions.pollFailed(row.id(), f.reason(), now);
                    trackers.error(row.tracker(), f.reason(), now);
                });
                if (f.notBefore() != null) {
                    waiting.add(row.tracker());
                }
                continue;
            }
            Issue issue = ((Result.Ok<Issue>) result).value();
            read++;
            tx.executeWithoutResult(s -> follow(row, issue, now));
        }
        return read;
    }

    private void follow(ActionRow stale, Issue issue, Instant now) {
        ActionRow row = actions.lock(stale.id()).orElse(null);
        if (row == null) {
            return;
        }
        actions.polled(row.id(), issue.open(), now);
        trackers.ok(row.tracker(), now);
        boolean changed = row.externalOpen() == null || row.externalOpen() != issue.open();
        if (!changed) {
            return;
        }
        String where = trackerName(row.tracker()) + " (" + row.externalKey() + ")";
        if (!issue.open() && !row.done()) {
            actions.done(row.id(), now, null);
            timeline.record(
                    row.incidentId(),
                    "action_done",
                    "Action done: \u201c" + row.title() + "\u201d, closed in " + where,
                    Map.of("actionId", String.valueOf(row.id())),
                    Actor.SYSTEM);
        } else if (issue.open() && row.done()) {
            actions.done(row.id(), null, null);
            timeline.record(
                    row.incidentId(),
                    "action_reopened",
                    "Action reopened: \u201c" + row.title() + "\u201d, reopened in " + where,
                    Map.of("actionId", String.valueOf(row.id())),
                    Actor.SYSTEM);
        }
    }

    private String body(ActionRow row) {
        String text = Markdown.toPlainText(row.description()).isEmpty() ? "" : row.description() + "\n\n";
        return text + "From " + Incident.reference(row.incidentId()) + ": "
                + notifications.absolute("/incidents/" + row.incidentId());
    }

    static String trackerName(String tracker) {
        return switch (tracker == null ? "" : tracker) {
            case TrackerSettings.GITHUB -> "GitHub";
            case TrackerSettings.JIRA -> "Jira";
            case TrackerSettings.LINEAR -> "Linear";
            default -> tracker;
        };
    }

    static String notConfigured(String tracker) {
        return switch (tracker == null ? "" : tracker) {
            case TrackerSettings.GITHUB ->
                "GitHub is not configured: set CAIRN_TRACKERS_GITHUB_TOKEN (and CAIRN_TRACKERS_GITHUB_API_URL for GitHub Enterprise)";
            case TrackerSettings.LINEAR -> "Linear is not configured: set CAIRN_TRACKERS_LINEAR_API_KEY";
            case TrackerSettings.JIRA ->
                "Jira is not configured: set CAIRN_TRACKERS_JIRA_URL, CAIRN_TRACKERS_JIRA_EMAIL and CAIRN_TRACKERS_JIRA_API_TOKEN";
            default -> "Cairn cannot sync to " + tracker;
        };
    }
}
