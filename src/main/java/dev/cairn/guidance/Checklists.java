package dev.cairn.guidance;

import dev.cairn.guidance.internal.ChecklistStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Severities;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checklists: the defaults per severity and per role (admins edit them), each incident's own copy
 * (items of its severity when declared and when the severity changes, items of a role when the
 * role is given; ticked items always stay), and ticking, recorded on the timeline.
 */
@Service
public class Checklists {

    static final int MAX_TEXT = 300;
    static final int MAX_ITEMS = 30;

    private final ChecklistStore store;
    private final Incidents incidents;
    private final IncidentPeople people;
    private final Severities severities;
    private final Timeline timeline;
    private final Nudges nudges;
    private final Users users;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Checklists(
            ChecklistStore store,
            Incidents incidents,
            IncidentPeople people,
            Severities severities,
            Timeline timeline,
            Nudges nudges,
            Users users,
            Audit audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.incidents = incidents;
        this.people = people;
        this.severities = severities;
        this.timeline = timeline;
        this.nudges = nudges;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- defaults ---------------------------------------------------------------------------

    public List<ChecklistItem> defaults() {
        return store.all();
    }

    public ChecklistItem get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Checklist item " + id));
    }

    @Transactional
    public ChecklistItem create(ChecklistItemInput input, Actor actor) {
        Actors.requireAdmin(actor);
        boolean bySeverity = input.severity() != null && !input.severity().isBlank();
        boolean byRole = input.role() != null && !input.role().isBlank();
        if (bySeverity == byRole) {
            throw new InvalidInputException("severity", "give either a severity or a role, not both");
        }
        String severity = null;
        IncidentRole role = null;
        if (bySeverity) {
            severity = input.severity().strip();
            severities.check(severity);
        } else {
            role = IncidentRole.parse(input.role().strip());
        }
        String text = text(input.text());
        List<ChecklistItem> list = severity != null ? store.ofSeverity(severity) : store.ofRole(role);
        if (list.size() >= MAX_ITEMS) {
            throw new InvalidInputException("text", "a checklist holds at most " + MAX_ITEMS + " items");
        }
        long id = store.insert(severity, role, text, clock.instant());
        List<Long> order = new ArrayList<>(list.stream().map(ChecklistItem::id).toList());
        order.add(position(input.position(), order.size() + 1) - 1, id);
        store.renumber(order);
        audit.record(actor, "checklist.item_created", "checklist_item", id, listName(severity, role) + ": " + text);
        return get(id);
    }

    @Transactional
    public ChecklistItem update(long id, ChecklistItemInput input, Actor actor) {
        Actors.requireAdmin(actor);
        ChecklistItem item = get(id);
        if (input.severity() != null && !Objects.equals(input.severity(), item.severity())
                || input.role() != null
                        && (item.role() == null
                                || !input.role().equals(item.role().json()))) {
            throw new InvalidInputException("severity", "an item stays on its list; delete it and add it elsewhere");
        }
        String text = input.text() == null ? item.text() : text(input.text());
        store.update(id, text, item.position(), clock.instant());
        if (input.position() != null) {
            List<Long> order = new ArrayList<>(
                    siblings(item).stream().map(ChecklistItem::id).toList());
            order.remove(id);
            order.add(position(input.position(), order.size() + 1) - 1, id);
            store.renumber(order);
        }
        audit.record(actor, "checklist.item_updated", "checklist_item", id, text);
        return get(id);
    }

    /** Moves an item one place up (-1) or down (+1) in its list. */
    @Transactional
    public ChecklistItem move(long id, int delta, Actor actor) {
        ChecklistItem item = get(id);
        List<ChecklistItem> list = siblings(item);
        int index = list.indexOf(item);
        int target = Math.max(1, Math.min(list.size(), index + 1 + delta));
        return update(id, new ChecklistItemInput(null, null, null, target), actor);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Actors.requireAdmin(actor);
        ChecklistItem item = get(id);
        store.delete(id);
        store.renumber(siblings(item).stream().map(ChecklistItem::id).toList());
        audit.record(actor, "checklist.item_deleted", "checklist_item", id, item.text());
    }

    // ---- an incident's checklist ------------------------------------------------------------

    /** The incident's checklist and open nudges; 404 for whoever may not see the incident. */
    public IncidentChecklist of(long incidentId, Actor actor) {
        Incident incident = incidents.get(incidentId, actor);
        List<IncidentChecklistItem> items = store.ofIncident(incidentId);
        Map<Long, UserView> names = users.byIds(items.stream()
                .map(IncidentChecklistItem::tickedBy)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        return new IncidentChecklist(
                incidentId,
                items.stream()
                        .map(i -> i.tickedBy() == null
                                ? i
                                : new IncidentChecklistItem(
                                        i.id(),
                                        i.severity(),
                                        i.role(),
                                        i.text(),
                                        i.addedAt(),
                                        i.tickedAt(),
                                        i.tickedBy(),
                                        names.containsKey(i.tickedBy())
                                                ? names.get(i.tickedBy()).name()
                                                : "someone"))
                        .toList(),
                nudges.active(incident));
    }

    /** Ticks (or unticks) an item; each change is recorded on the timeline with who made it. */
    @Transactional
    public IncidentChecklist tick(long incidentId, long itemId, boolean ticked, Actor actor) {
        Incident incident = incidents.get(incidentId, actor);
        Actors.requireWrite(actor);
        if (incident.status() == IncidentStatus.CLOSED) {
            throw new ConflictException("The incident is closed; its checklist is final");
        }
        IncidentChecklistItem item = store.incidentItem(incidentId, itemId)
                .orElseThrow(() -> new NotFoundException("Checklist item " + itemId + " of " + incident.reference()));
        Instant now = clock.instant();
        if (store.tick(itemId, ticked, actor.isSystem() ? null : actor.userId(), now)) {
            people.ensureParticipant(incidentId, actor.userId(), "checklist", actor);
            timeline.record(
                    incidentId,
                    ticked ? "checklist_ticked" : "checklist_unticked",
                    (ticked ? "Ticked: " : "Unticked: ") + item.text() + " (" + actor.name() + ")",
                    Map.of("itemId", String.valueOf(itemId), "userId", String.valueOf(actor.userId())),
                    actor);
            audit.record(
                    actor,
                    ticked ? "checklist.ticked" : "checklist.unticked",
                    "incident",
                    incidentId,
                    "item=" + itemId);
            events.publishEvent(new ChecklistTicked(incidentId, itemId, ticked, actor.userId()));
        }
        return of(incidentId, actor);
    }

    /** Copies the items an incident needs now: its severity's when declared or changed, a role's when given. */
    @EventListener
    void on(IncidentChanged change) {
        Instant at = change.at();
        switch (change.kind()) {
            case DECLARED ->
                copy(change.incidentId(), store.ofSeverity(change.data().get("severity")), at);
            case SEVERITY ->
                copy(change.incidentId(), store.ofSeverity(change.data().get("to")), at);
            case ROLE_ASSIGNED ->
                copy(
                        change.incidentId(),
                        store.ofRole(IncidentRole.parse(change.data().get("role"))),
                        at);
            default -> {}
        }
    }

    private void copy(long incidentId, List<ChecklistItem> items, Instant at) {
        List<String> present = store.ofIncident(incidentId).stream()
                .map(i -> key(i.text()))
                .collect(Collectors.toCollection(ArrayList::new));
        for (ChecklistItem item : items) {
            // The same advice on two lists (SEV1 and SEV2 both say "name a commander") is shown once.
            if (!present.contains(key(item.text())) && store.copy(incidentId, item, at)) {
                present.add(key(item.text()));
            }
        }
    }

    private List<ChecklistItem> siblings(ChecklistItem item) {
        return item.severity() != null ? store.ofSeverity(item.severity()) : store.ofRole(item.role());
    }

    private static String key(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(String raw) {
        String text = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "must be 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static int position(Integer requested, int max) {
        if (requested == null) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw new InvalidInputException("position", "must be between 1 and " + max);
        }
        return requested;
    }

    private static String listName(String severity, IncidentRole role) {
        return severity != null ? severity : role.json();
    }
}
