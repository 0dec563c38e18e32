package dev.cairn.statuspage;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.statuspage.internal.StatusStore;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishing an internal incident to the status page, in wording written for the public, and
 * posting public updates. An explicit act of a writer; private incidents and drills are refused,
 * and one that becomes private or a drill later is taken off the page at once. Each publication
 * and update is recorded on the incident's timeline and e-mailed to confirmed subscribers.
 */
@Service
public class StatusPublishing {

    public static final String NOTIFY_TASK = "status-page-notify";
    public static final String TIMELINE_KIND = "status_page_published";

    private final StatusStore store;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Audit audit;
    private final Jobs jobs;
    private final Changes changes;
    private final Clock clock;

    StatusPublishing(
            StatusStore store,
            Incidents incidents,
            Timeline timeline,
            Audit audit,
            Jobs jobs,
            Changes changes,
            Clock clock) {
        this.store = store;
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
        this.jobs = jobs;
        this.changes = changes;
        this.clock = clock;
    }

    /** The status page incident of an internal incident, for those who may see the incident. */
    public Optional<StatusIncident> ofIncident(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.byIncident(incidentId);
    }

    public StatusIncident get(long id, Actor actor) {
        StatusIncident found =
                store.incident(id).orElseThrow(() -> new NotFoundException("Status page incident " + id));
        if (!incidents.canView(found.incidentId(), actor)) {
            throw new NotFoundException("Status page incident " + id);
        }
        return found;
    }

    /** Why an incident may not be published, or empty if it may. */
    public static Optional<String> refusal(IncidentType type) {
        return switch (type) {
            case PRIVATE -> Optional.of("Private incidents are never published to the status page.");
            case DRILL -> Optional.of("Drills are never published to the status page.");
            case DEFAULT -> Optional.empty();
        };
    }

    @Transactional
    public StatusIncident publish(StatusIncident.Publish input, Actor actor) {
        Actors.requireWrite(actor);
        if (input == null || input.incidentId() == null) {
            throw new InvalidInputException("incidentId", "is required");
        }
        Incident incident = incidents.get(input.incidentId(), actor);
        refusal(incident.type()).ifPresent(reason -> {
            throw new ConflictException(reason);
        });
        // Taken off the page when it became private or a drill, and real again: publish it anew.
        Optional<Long> withdrawn = store.withdrawnForIncident(incident.id());
        if (withdrawn.isEmpty() && store.anyForIncident(incident.id())) {
            throw new ConflictException("This incident is on the status page already: post an update instead.");
        }
        String title = StatusPage.text(input.title(), "title", 200, true);
        String message = StatusPage.text(input.message(), "message", 5000, true);
        PublicStatus status = input.status() == null ? PublicStatus.INVESTIGATING : PublicStatus.parse(input.status());
        Map<Long, Impact> impacts = impacts(input.impacts());
        Instant now = clock.instant();
        long id;
        try {
            if (withdrawn.isPresent()) {
                id = withdrawn.get();
                store.reinstate(id, title, status, now);
            } else {
                id = store.insertIncident(incident.id(), title, status, now);
            }
        } catch (DuplicateKeyException race) {
            // Two writers published at once: the unique incident id lets one through.
            throw new ConflictException("This incident is on the status page already: post an update instead.");
        }
        long updateId = store.insertUpdate(id, status, message, impacts, actor.isSystem() ? null : actor.userId(), now);
        after(
                incident.id(),
                id,
                updateId,
                "Published to the status page as \"" + title + "\" (" + status.json() + ")",
                actor);
        audit.record(actor, "status_page.published", "status_incident", id, "incident=" + incident.id());
        return store.incident(id).orElseThrow();
    }

    @Transactional
    public StatusIncident post(long statusIncidentId, StatusIncident.Post input, Actor actor) {
        Actors.requireWrite(actor);
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        store.lock(statusIncidentId)
                .orElseThrow(() -> new NotFoundException("Status page incident " + statusIncidentId));
        StatusIncident current = store.incident(statusIncidentId).orElseThrow();
        Incident incident = incidents.get(current.incidentId(), actor);
        refusal(incident.type()).ifPresent(reason -> {
            throw new ConflictException(reason);
        });
        String title = input.title() == null || input.title().isBlank()
                ? current.title()
                : StatusPage.text(input.title(), "title", 200, true);
        String message = StatusPage.text(input.message(), "message", 5000, true);
        PublicStatus status = input.status() == null ? current.status() : PublicStatus.parse(input.status());
        Map<Long, Impact> impacts = input.impacts() == null ? current.latest().impacts() : impacts(input.impacts());
        Instant now = clock.instant();
        Instant resolvedAt =
                status == PublicStatus.RESOLVED ? (current.resolvedAt() != null ? current.resolvedAt() : now) : null;
        store.updateIncident(statusIncidentId, title, status, resolvedAt, now);
        long updateId = store.insertUpdate(
                statusIncidentId, status, message, impacts, actor.isSystem() ? null : actor.userId(), now);
        after(
                incident.id(),
                statusIncidentId,
                updateId,
                "Status page updated (" + status.json() + "): " + message,
                actor);
        audit.record(actor, "status_page.updated", "status_incident", statusIncidentId, "status=" + status.json());
        return store.incident(statusIncidentId).orElseThrow();
    }

    /** Posts an update to the status page incident of an internal incident. */
    @Transactional
    public StatusIncident postForIncident(long incidentId, StatusIncident.Post input, Actor actor) {
        Actors.requireWrite(actor);
        incidents.get(incidentId, actor);
        long id = store.lockByIncident(incidentId)
                .orElseThrow(() -> new NotFoundException("This incident is not on the status page"));
        return post(id, input, actor);
    }

    /** An incident that becomes private or a drill leaves the public page in the same transaction. */
    @EventListener
    void onIncidentChanged(IncidentChanged change) {
        if (change.kind() != ChangeKind.TYPE) {
            return;
        }
        String to = change.data().get("to");
        if (!IncidentType.DEFAULT.json().equals(to) && store.withdraw(change.incidentId(), clock.instant())) {
            changes.changed();
            timeline.record(
                    change.incidentId(),
                    TIMELINE_KIND,
                    "Taken off the status page: the incident is now " + (to == null ? "restricted" : "a " + to),
                    Map.of("withdrawn", "true"),
                    Actor.SYSTEM);
        }
    }

    private void after(long incidentId, long statusIncidentId, long updateId, String text, Actor actor) {
        changes.changed();
        timeline.record(
                incidentId,
                TIMELINE_KIND,
                text.length() > 2000 ? text.substring(0, 1999) + "\u2026" : text,
                Map.of("statusIncidentId", String.valueOf(statusIncidentId), "updateId", String.valueOf(updateId)),
                actor);
        jobs.schedule(new TaskInstance<>(NOTIFY_TASK, String.valueOf(updateId)), clock.instant());
    }

    private Map<Long, Impact> impacts(Map<String, String> given) {
        if (given == null) {
            return Map.of();
        }
        Set<Long> known = store.components().stream().map(Component::id).collect(Collectors.toSet());
        Map<Long, Impact> impacts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            long componentId;
            try {
                componentId = Long.parseLong(e.getKey().strip());
            } catch (NumberFormatException | NullPointerException bad) {
                throw new InvalidInputException("impacts", "keys must be component ids");
            }
            if (!known.contains(componentId)) {
                throw new InvalidInputException("impacts", "names a component that does not exist: " + componentId);
            }
            Impact impact;
            try {
                impact = Impact.parse(e.getValue());
            } catch (InvalidInputException bad) {
                throw new InvalidInputException(
                        "impacts." + componentId, "must be one of operational, degraded, partial_outage, major_outage");
            }
            if (impact != Impact.OPERATIONAL) {
                impacts.put(componentId, impact);
            }
        }
        return impacts;
    }

    /** For the API listing: every incident published in the last {@code days}. */
    public List<StatusIncident> recent(Instant since) {
        return store.since(since);
    }
}
