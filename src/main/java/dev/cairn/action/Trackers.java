package dev.cairn.action;

import dev.cairn.action.internal.ActionRow;
import dev.cairn.action.internal.ActionStore;
import dev.cairn.action.internal.TrackerSettings;
import dev.cairn.action.internal.TrackerStore;
import dev.cairn.action.internal.TrackerSync;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Teams;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where action items go: the trackers Cairn can reach (from properties), team → tracker mappings
 * with a default (admins edit them, audited), each tracker's last success and failure, and the
 * items whose sync has an error. Items decided "do" are queued here for creation.
 */
@Service
public class Trackers {

    private final TrackerSettings settings;
    private final TrackerStore store;
    private final ActionStore actions;
    private final TrackerSync sync;
    private final Teams teams;
    private final Audit audit;
    private final Clock clock;

    Trackers(
            TrackerSettings settings,
            TrackerStore store,
            ActionStore actions,
            TrackerSync sync,
            Teams teams,
            Audit audit,
            Clock clock) {
        this.settings = settings;
        this.store = store;
        this.actions = actions;
        this.sync = sync;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    /** A team's mapping (teamId null: the default). */
    public record Mapping(Long teamId, String teamName, String tracker, String target, Instant updatedAt) {}

    /** A tracker, whether it is configured, and its last success and failure. */
    public record TrackerStatus(
            String tracker,
            String label,
            boolean configured,
            String url,
            Instant lastOkAt,
            String lastError,
            Instant lastErrorAt) {}

    /** An item whose last sync attempt or poll failed. */
    public record SyncProblem(
            long actionId,
            long incidentId,
            String title,
            String tracker,
            String state,
            int attempts,
            String error,
            Instant at) {}

    public static String label(String tracker) {
        return switch (tracker == null ? "" : tracker) {
            case TrackerSettings.GITHUB -> "GitHub";
            case TrackerSettings.JIRA -> "Jira";
            case TrackerSettings.LINEAR -> "Linear";
            default -> "the tracker";
        };
    }

    /** What to set for a tracker that is not configured. */
    public static String setup(String tracker) {
        return switch (tracker == null ? "" : tracker) {
            case TrackerSettings.GITHUB ->
                "Set CAIRN_TRACKERS_GITHUB_TOKEN (and CAIRN_TRACKERS_GITHUB_API_URL for GitHub Enterprise), then restart.";
            case TrackerSettings.JIRA ->
                "Set CAIRN_TRACKERS_JIRA_URL, CAIRN_TRACKERS_JIRA_EMAIL and CAIRN_TRACKERS_JIRA_API_TOKEN, then restart.";
            case TrackerSettings.LINEAR ->
                "Set CAIRN_TRACKERS_LINEAR_API_KEY (a personal API key; CAIRN_TRACKERS_LINEAR_API_URL to call another host), then restart.";
            default -> "";
        };
    }

    public List<TrackerStatus> status() {
        Map<String, dev.cairn.action.internal.TrackerStore.Health> health = store.health().stream()
                .collect(java.util.stream.Collectors.toMap(TrackerStore.Health::tracker, h -> h));
        return List.of(TrackerSettings.GITHUB, TrackerSettings.JIRA, TrackerSettings.LINEAR).stream()
                .map(t -> {
                    TrackerStore.Health h = health.get(t);
                    return new TrackerStatus(
                            t,
                            label(t),
                            settings.configured(t),
                            switch (t) {
                                case TrackerSettings.GITHUB -> settings.githubApiUrl();
                                case TrackerSettings.JIRA -> settings.jiraUrl();
                                default -> settings.linearApiUrl();
                            },
                            h == null ? null : h.lastOkAt(),
                            h == null ? null : h.lastError(),
                            h == null ? null : h.lastErrorAt());
                })
                .toList();
    }

    public List<Mapping> mappings() {
        Map<Long, String> names = teams.all().stream()
                .collect(java.util.stream.Collectors.toMap(
                        dev.cairn.identity.TeamView::id, dev.cairn.identity.TeamView::name));
        return store.mappings().stream()
                .map(m -> m.teamId() == TrackerStore.DEFAULT_TEAM
                        ? new Mapping(null, "Default", m.tracker(), m.target(), m.updatedAt())
                        : new Mapping(
                                m.teamId(),
                                names.getOrDefault(m.teamId(), "Team " + m.teamId()),
                                m.tracker(),
                                m.target(),
                                m.updatedAt()))
                .toList();
    }

    public Map<String, Integer> syncCounts() {
        return actions.syncCounts();
    }

    public List<SyncProblem> problems(int limit) {
        return actions.withErrors(limit).stream()
                .map(r -> new SyncProblem(
                        r.id(),
                        r.incidentId(),
                        r.title(),
                        r.tracker(),
                        r.syncState(),
                        r.syncAttempts(),
                        r.syncError(),
                        r.syncErrorAt()))
                .toList();
    }

    /** Sets where a team's items go (teamId null: the default). */
    @Transactional
    public Mapping map(Long teamId, String tracker, String target, Actor actor) {
        Actors.requireAdmin(actor);
        if (teamId != null) {
            teams.find(teamId).orElseThrow(() -> new InvalidInputException("teamId", "is not a Cairn team"));
        }
        String kind = tracker == null ? "" : tracker.strip();
        String where = target == null ? "" : target.strip();
        if (kind.equals(TrackerSettings.GITHUB)) {
            if (!where.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")) {
                throw new InvalidInputException("target", "must be a GitHub repository as owner/repo");
            }
        } else if (kind.equals(TrackerSettings.JIRA)) {
            where = where.toUpperCase(java.util.Locale.ROOT);
            if (!where.matches("[A-Z][A-Z0-9_]{1,19}")) {
                throw new InvalidInputException("target", "must be a Jira project key such as OPS");
            }
        } else if (kind.equals(TrackerSettings.LINEAR)) {
            // A team key (ENG) or a team id (a UUID, kept as Linear writes it: lower case).
            where = where.matches("(?i)[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
                    ? where.toLowerCase(java.util.Locale.ROOT)
                    : where.toUpperCase(java.util.Locale.ROOT);
            if (!where.matches("[A-Z][A-Z0-9_]{0,9}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")) {
                throw new InvalidInputException("target", "must be a Linear team key such as ENG, or a team id");
            }
        } else {
            throw new InvalidInputException("tracker", "must be one of github, jira, linear");
        }
        long key = teamId == null ? TrackerStore.DEFAULT_TEAM : teamId;
        store.putMapping(key, kind, where, clock.instant());
        audit.record(actor, "tracker.mapped", "team", key, kind + " " + where);
        final String target_ = where;
        return mappings().stream()
                .filter(m -> java.util.Objects.equals(m.teamId(), teamId))
                .findFirst()
                .orElse(new Mapping(teamId, null, kind, target_, clock.instant()));
    }

    @Transactional
    public void unmap(Long teamId, Actor actor) {
        Actors.requireAdmin(actor);
        long key = teamId == null ? TrackerStore.DEFAULT_TEAM : teamId;
        store.deleteMapping(key);
        audit.record(actor, "tracker.unmapped", "team", key, "");
    }

    /** Tries the items whose sync failed for good again (after the token or a mapping was fixed). */
    @Transactional
    public int retryFailed(Actor actor) {
        Actors.requireAdmin(actor);
        List<Long> failed = actions.failed();
        Instant now = clock.instant();
        for (long id : failed) {
            ActionRow row = actions.find(id).orElseThrow();
            // Follow the mapping as it is now: the admin may have fixed it.
            Optional<TrackerStore.Mapping> mapping = target(row.teamId());
            String tracker = mapping.map(TrackerStore.Mapping::tracker).orElse(row.tracker());
            String target = mapping.map(TrackerStore.Mapping::target).orElse(row.trackerTarget());
            if (actions.queueSync(id, tracker, target)) {
                sync.schedule(id, now);
            }
        }
        audit.record(actor, "tracker.retried", "action_item", null, failed.size() + " items");
        return failed.size();
    }

    /** Queues an item decided "do" for its team's tracker; nothing when no mapping applies. */
    void queue(long actionId, Long teamId, Instant now) {
        target(teamId).ifPresent(m -> {
            if (actions.queueSync(actionId, m.tracker(), m.target())) {
                sync.schedule(actionId, now);
            }
        });
    }

    private Optional<TrackerStore.Mapping> target(Long teamId) {
        Optional<TrackerStore.Mapping> own = teamId == null ? Optional.empty() : store.mapping(teamId);
        return own.isPresent() ? own : store.mapping(TrackerStore.DEFAULT_TEAM);
    }
}
