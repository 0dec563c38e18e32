package dev.cairn.guidance;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.escalation.PageStatus;
import dev.cairn.escalation.Paging;
import dev.cairn.guidance.internal.Drift;
import dev.cairn.guidance.internal.GuidanceSettings;
import dev.cairn.guidance.internal.NudgeStore;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.timeline.EntryKind;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nudges when an open incident drifts. Each open incident has a watch: a db-scheduler execution
 * named {@code <incident>:<version>} that checks the incident, raises what is due, and schedules
 * the next check (in a minute, or sooner when a threshold is reached sooner) under the next
 * version, all in one transaction. A revived execution finds a newer version and does nothing;
 * resolving the incident moves the version on and so stops the watch; reopening starts it again.
 */
@Service
public class Nudges {

    public static final String CHECK_TASK = "guidance-check";
    /** Timeline kinds that count as an update to stakeholders (the comms module records the second). */
    static final Set<String> UPDATE_KINDS = Set.of(EntryKind.UPDATE, "audience_update_sent");

    private static final Logger log = LoggerFactory.getLogger(Nudges.class);
    private static final int TIMELINE_PAGE = 200;
    private static final int TIMELINE_PAGES = 10;

    private final NudgeStore store;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Paging paging;
    private final Jobs jobs;
    private final GuidanceSettings settings;
    private final Clock clock;

    Nudges(
            NudgeStore store,
            Incidents incidents,
            Timeline timeline,
            Paging paging,
            Jobs jobs,
            GuidanceSettings settings,
            Clock clock) {
        this.store = store;
        this.incidents = incidents;
        this.timeline = timeline;
        this.paging = paging;
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks the incident if {@code version} is still its watch's version; called by the job. */
    @Transactional
    public void check(long incidentId, long version) {
        Optional<NudgeStore.Watch> watch = store.lock(incidentId);
        if (watch.isEmpty() || watch.get().version() != version) {
            log.debug("event=guidance_check_stale incident={} version={}", incidentId, version);
            return;
        }
        Optional<Incident> found = incidents.find(incidentId, Actor.SYSTEM);
        if (found.isEmpty() || !found.get().status().open()) {
            return;
        }
        Incident incident = found.get();
        Instant now = clock.instant();
        Drift.Result result = Drift.evaluate(facts(incident, watch.get()), settings.limits(), now);
        Set<String> holding = new HashSet<>();
        for (Drift.Due due : result.due()) {
            holding.add(due.condition() + "/" + due.occurrence());
            if (store.raise(incidentId, due.condition(), due.occurrence(), due.text(), now)) {
                timeline.record(
                        incidentId,
                        "nudge",
                        due.text(),
                        Map.of(
                                "condition",
                                due.condition(),
                                "drill",
                                String.valueOf(incident.type() == IncidentType.DRILL)),
                        Actor.SYSTEM);
                log.info("event=guidance_nudge incident={} condition={}", incidentId, due.condition());
            }
        }
        for (NudgeStore.Stored open : store.open(incidentId)) {
            if (!holding.contains(open.nudge().condition() + "/" + open.occurrence())) {
                store.resolve(open.nudge().id(), now);
            }
        }
        Instant next = now.plus(settings.checkEvery());
        if (result.nextDeadline() != null && result.nextDeadline().isBefore(next)) {
            next = result.nextDeadline();
        }
        if (store.advance(incidentId, version)) {
            schedule(incidentId, version + 1, next.isAfter(now) ? next : now.plusSeconds(1));
        }
    }

    /** The nudges shown now: raised and still holding (a commander given, an update posted, ends them). */
    public List<Nudge> active(Incident incident) {
        if (!incident.status().open()) {
            return List.of();
        }
        List<NudgeStore.Stored> open = store.open(incident.id());
        if (open.isEmpty()) {
            return List.of();
        }
        NudgeStore.Watch watch = new NudgeStore.Watch(incident.id(), 0, store.commanderLostAt(incident.id()));
        Set<String> holding = new HashSet<>();
        Drift.evaluate(facts(incident, watch), settings.limits(), clock.instant())
                .due()
                .forEach(d -> holding.add(d.condition() + "/" + d.occurrence()));
        return open.stream()
                .filter(s -> holding.contains(s.nudge().condition() + "/" + s.occurrence()))
                .map(NudgeStore.Stored::nudge)
                .toList();
    }

    /** Starts, stops and restarts watches as incidents are declared, resolved and reopened. */
    @EventListener
    void on(IncidentChanged change) {
        long id = change.incidentId();
        switch (change.kind()) {
            case DECLARED -> start(id, change.at());
            case STATUS -> {
                boolean wasOpen =
                        IncidentStatus.parse(change.data().get("from")).open();
                boolean open = IncidentStatus.parse(change.data().get("to")).open();
                if (wasOpen && !open) {
                    store.restart(id);
                    store.resolveAll(id, change.at());
                } else if (!wasOpen && open) {
                    start(id, change.at());
                }
            }
            case ROLE_UNASSIGNED -> {
                if (IncidentRole.COMMANDER.json().equals(change.data().get("role"))) {
                    store.commanderLost(id, change.at());
                }
            }
            default -> {}
        }
    }

    private void start(long incidentId, Instant at) {
        long version = store.restart(incidentId);
        Instant first = at.plus(settings.checkEvery());
        Instant now = clock.instant();
        schedule(incidentId, version, first.isAfter(now) ? first : now);
    }

    private void schedule(long incidentId, long version, Instant at) {
        jobs.schedule(new TaskInstance<Void>(CHECK_TASK, incidentId + ":" + version), at);
    }

    private Drift.Facts facts(Incident incident, NudgeStore.Watch watch) {
        Instant lastUpdate = null;
        Instant lastWritten = null;
        String cursor = null;
        for (int i = 0; i < TIMELINE_PAGES && (lastUpdate == null || lastWritten == null); i++) {
            CursorPage<TimelineEntry> page = timeline.page(incident.id(), cursor, TIMELINE_PAGE, Actor.SYSTEM);
            for (TimelineEntry entry : page.items()) {
                if (lastUpdate == null && UPDATE_KINDS.contains(entry.kind()) && !entry.deleted()) {
                    lastUpdate = entry.createdAt();
                }
                if (lastWritten == null && entry.written() && !entry.deleted()) {
                    lastWritten = entry.createdAt();
                }
            }
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        List<Drift.OpenPage> pages = paging.page(PageStatus.TRIGGERED, incident.id(), null, null, 50).items().stream()
                .map(p -> new Drift.OpenPage(p.id(), p.title(), p.createdAt()))
                .toList();
        return new Drift.Facts(
                incident.severity(),
                incident.type() == IncidentType.DRILL,
                incident.declaredAt(),
                incident.holder(IncidentRole.COMMANDER).isPresent(),
                watch.commanderLostAt(),
                lastUpdate,
                lastWritten,
                pages);
    }
}
