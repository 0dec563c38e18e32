package dev.cairn.incident;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.internal.IncidentAssembler;
import dev.cairn.incident.internal.IncidentStore;
import dev.cairn.incident.internal.IncidentStore.RoleRow;
import dev.cairn.incident.internal.IncidentStore.Row;
import dev.cairn.incident.internal.KeyTimes;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declaring and working incidents. Each change checks who may make it, locks the incident row,
 * applies the rules (state machine, one holder per single role), audits, and publishes {@link
 * IncidentChanged} in the same transaction. A private incident is invisible to non-members: they
 * get "not found", never "forbidden".
 */
@Service
public class Incidents {

    private final IncidentStore store;
    private final IncidentAssembler assembler;
    private final Severities severities;
    private final Users users;
    private final Services services;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<IncidentTextSearch> textSearch;
    private final Clock clock;

    Incidents(
            IncidentStore store,
            IncidentAssembler assembler,
            Severities severities,
            Users users,
            Services services,
            Audit audit,
            ApplicationEventPublisher events,
            ObjectProvider<IncidentTextSearch> textSearch,
            Clock clock) {
        this.store = store;
        this.assembler = assembler;
        this.severities = severities;
        this.users = users;
        this.services = services;
        this.audit = audit;
        this.events = events;
        this.textSearch = textSearch;
        this.clock = clock;
    }

    // ---- reading ----------------------------------------------------------------------------

    public Optional<Incident> find(long id, Actor actor) {
        return store.row(id)
                .filter(row -> visible(row, actor))
                .map(row -> assembler.assemble(List.of(row)).getFirst());
    }

    public Incident get(long id, Actor actor) {
        return find(id, actor).orElseThrow(() -> notFound(id));
    }

    public boolean canView(long id, Actor actor) {
        return store.row(id).map(row -> visible(row, actor)).orElse(false);
    }

    public CursorPage<Incident> list(IncidentFilter filter, String cursor, int limit, Actor actor) {
        Set<Long> textMatches = filter.query() == null
                ? Set.of()
                : textSearch.stream()
                        .flatMap(s -> s.incidentsMentioning(filter.query(), 1000).stream())
                        .collect(Collectors.toSet());
        List<Row> rows = store.page(filter, textMatches, CursorPage.decode(cursor), limit, actor);
        return CursorPage.of(assembler.assemble(rows), limit, Incident::id);
    }

    /** Whether only members and admins may see the incident (private incidents). */
    public boolean restricted(long id) {
        return store.row(id).map(row -> row.type() == IncidentType.PRIVATE).orElse(true);
    }

    public List<Participant> participants(long id, Actor actor) {
        get(id, actor);
        return assembler.participants(store.participants(id));
    }

    // ---- changing ---------------------------------------------------------------------------

    @Transactional
    public Incident declare(DeclareIncident command, Actor actor) {
        Actors.requireWrite(actor);
        severities.check(command.severity());
        List<Long> serviceIds = checkServices(command.serviceIds());
        Instant now = clock.instant();
        Map<Milestone, Instant> times = new EnumMap<>(Milestone.class);
        times.put(Milestone.DECLARED, now);
        times.put(Milestone.DETECTED, command.detectedAt() != null ? command.detectedAt() : now);
        if (command.impactStartedAt() != null) {
            times.put(Milestone.IMPACT_STARTED, command.impactStartedAt());
        }
        KeyTimes.check(times, now);
        long id = store.insert(
                command.title(), command.summary(), command.severity(), command.type(), actor.userId(), times, now);
        store.replaceServices(id, serviceIds);
        audit.record(actor, "incident.declared", "incident", id, Incident.reference(id) + " " + command.severity());
        publish(
                id,
                actor,
                now,
                ChangeKind.DECLARED,
                "Declared " + command.severity() + " " + command.type().json() + " incident: " + command.title(),
                Map.of("severity", command.severity(), "type", command.type().json()));
        if (!actor.isSystem()) {
            join(id, actor.userId(), "declared", actor, now);
        }
        return get(id, Actor.SYSTEM);
    }

    @Transactional
    public Incident update(long id, IncidentUpdate change, Actor actor) {
        Actors.requireWrite(actor);
        Row row = lockVisible(id, actor);
        Instant now = clock.instant();
        Row next = row;
        if (change.title() != null && !change.title().equals(row.title())) {
            next = with(
                    next,
                    change.title(),
                    next.summary(),
                    next.severity(),
                    next.status(),
                    next.type(),
                    next.times(),
                    next.closedAt());
            publish(
                    id,
                    actor,
                    now,
                    ChangeKind.TITLE,
                    "Title changed to \"" + change.title() + "\"",
                    Map.of("from", row.title(), "to", change.title()));
        }
        if (change.summary() != null && !change.summary().equals(row.summary())) {
            next = with(
                    next,
                    next.title(),
                    change.summary(),
                    next.severity(),
                    next.status(),
                    next.type(),
                    next.times(),
                    next.closedAt());
            publish(id, actor, now, ChangeKind.SUMMARY, "Summary updated", Map.of());
        }
        if (change.severity() != null && !change.severity().equals(row.severity())) {
            severities.check(change.severity());
            next = with(
                    next,
                    next.title(),
                    next.summary(),
                    change.severity(),
                    next.status(),
                    next.type(),
                    next.times(),
                    next.closedAt());
            publish(
                    id,
                    actor,
                    now,
                    ChangeKind.SEVERITY,
                    "Severity changed from " + row.severity() + " to " + change.severity(),
                    Map.of("from", row.severity(), "to", change.severity()));
        }
        if (change.type() != null && change.type() != row.type()) {
            next = with(
                    next,
                    next.title(),
                    next.summary(),
                    next.severity(),
                    next.status(),
                    change.type(),
                    next.times(),
                    next.closedAt());
            publish(
                    id,
                    actor,
                    now,
                    ChangeKind.TYPE,
                    "Type changed from " + row.type().json() + " to "
                            + change.type().json(),
                    Map.of("from", row.type().json(), "to", change.type().json()));
        }
        if (change.status() != null) {
            next = moveStatus(next, change.status(), actor, now);
        }
        if (!change.timestamps().isEmpty()) {
            next = editTimes(next, change.timestamps(), actor, now);
        }
        store.update(next, now);
        if (change.serviceIds() != null) {
            replaceServices(id, change.serviceIds(), actor, now);
        }
        audit.record(actor, "incident.updated", "incident", id, change.describe());
        return get(id, Actor.SYSTEM);
    }

    @Transactional
    public Incident changeStatus(long id, IncidentStatus status, Actor actor) {
        return update(id, IncidentUpdate.status(status), actor);
    }

    @Transactional
    public Incident assignRole(long id, IncidentRole role, long userId, Actor actor) {
        Actors.requireWrite(actor);
        Row row = lockVisible(id, actor);
        UserView person = users.find(userId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("userId", "is not an active user"));
        Instant now = clock.instant();
        List<RoleRow> current = store.roles(List.of(id)).getOrDefault(id, List.of()).stream()
                .filter(r -> r.role() == role)
                .toList();
        if (current.stream().anyMatch(r -> r.userId() == userId)) {
            return get(id, Actor.SYSTEM);
        }
        if (role.single()) {
            for (RoleRow previous : current) {
                store.unassignRole(id, role, previous.userId());
            }
        }
        store.assignRole(id, role, userId, now);
        String previousName = current.isEmpty() || !role.single()
                ? null
                : users.find(current.getFirst().userId()).map(UserView::name).orElse("someone");
        publish(
                id,
                actor,
                now,
                ChangeKind.ROLE_ASSIGNED,
                person.name() + " is now " + role.label().toLowerCase(java.util.Locale.ROOT)
                        + (previousName == null ? "" : " (was " + previousName + ")"),
                Map.of("role", role.json(), "userId", String.valueOf(userId)));
        if (role == IncidentRole.COMMANDER && !row.times().containsKey(Milestone.ACKNOWLEDGED)) {
            Map<Milestone, Instant> times = new EnumMap<>(row.times());
            times.put(Milestone.ACKNOWLEDGED, now);
            store.update(
                    with(
                            row,
                            row.title(),
                            row.summary(),
                            row.severity(),
                            row.status(),
                            row.type(),
                            times,
                            row.closedAt()),
                    now);
        } else {
            store.touch(id, now);
        }
        join(id, userId, "role", actor, now);
        audit.record(actor, "incident.role_assigned", "incident", id, role.json() + " user=" + userId);
        return get(id, Actor.SYSTEM);
    }

    @Transactional
    public Incident unassignRole(long id, IncidentRole role, long userId, Actor actor) {
        Actors.requireWrite(actor);
        lockVisible(id, actor);
        Instant now = clock.instant();
        if (store.unassignRole(id, role, userId) == 0) {
            throw new NotFoundException("No " + role.json() + " with user " + userId + " in " + Incident.reference(id));
        }
        String name = users.find(userId).map(UserView::name).orElse("someone");
        publish(
                id,
                actor,
                now,
                ChangeKind.ROLE_UNASSIGNED,
                name + " is no longer " + role.label().toLowerCase(java.util.Locale.ROOT),
                Map.of("role", role.json(), "userId", String.valueOf(userId)));
        store.touch(id, now);
        audit.record(actor, "incident.role_unassigned", "incident", id, role.json() + " user=" + userId);
        return get(id, Actor.SYSTEM);
    }

    /** Brings someone into the room (no-op when they are there). Posting or a role does it too. */
    @Transactional
    public void join(long id, long userId, String reason, Actor actor) {
        Actors.requireWrite(actor);
        lockVisible(id, actor);
        if (users.find(userId).filter(UserView::active).isEmpty()) {
            throw new InvalidInputException("userId", "is not an active user");
        }
        join(id, userId, reason, actor, clock.instant());
        audit.record(actor, "incident.participant_added", "incident", id, "user=" + userId);
    }

    @Transactional
    public void leave(long id, long userId, Actor actor) {
        Actors.requireWrite(actor);
        lockVisible(id, actor);
        Instant now = clock.instant();
        if (store.leave(id, userId, now)) {
            String name = users.find(userId).map(UserView::name).orElse("someone");
            publish(
                    id,
                    actor,
                    now,
                    ChangeKind.PARTICIPANT_LEFT,
                    name + " left",
                    Map.of("userId", String.valueOf(userId)));
            audit.record(actor, "incident.participant_left", "incident", id, "user=" + userId);
        }
    }

    /**
     * Called by modules that act in an incident on someone's behalf (e.g. the timeline when they
     * post): the person joins if they are not present. The caller has already checked access.
     */
    @Transactional
    public void ensureParticipant(long id, long userId, String reason, Actor actor) {
        if (userId != 0) {
            join(id, userId, reason, actor, clock.instant());
        }
    }

    // ---- rules --------------------------------------------------------------------------------

    private void join(long id, long userId, String reason, Actor actor, Instant now) {
        if (store.join(id, userId, reason, now)) {
            String name = users.find(userId).map(UserView::name).orElse("someone");
            publish(
                    id,
                    actor,
                    now,
                    ChangeKind.PARTICIPANT_JOINED,
                    name + " joined",
                    Map.of("userId", String.valueOf(userId), "reason", reason));
        }
    }

    private Row moveStatus(Row row, IncidentStatus target, Actor actor, Instant now) {
        if (target == row.status()) {
            return row;
        }
        if (!row.status().canMoveTo(target)) {
            throw new ConflictException("An incident that is " + row.status().json() + " cannot become " + target.json()
                    + (row.status().next().isEmpty()
                            ? ""
                            : "; it can become "
                                    + row.status().next().stream()
                                            .map(IncidentStatus::json)
                                            .collect(Collectors.joining(", "))));
        }
        Map<Milestone, Instant> times = new EnumMap<>(Milestone.class);
        times.putAll(row.times());
        Instant closedAt = row.closedAt();
        switch (target) {
            case MONITORING -> times.putIfAbsent(Milestone.MITIGATED, now);
            case RESOLVED -> {
                times.putIfAbsent(Milestone.MITIGATED, now);
                times.put(Milestone.RESOLVED, now);
            }
            case CLOSED -> closedAt = now;
            default -> {
                if (!row.status().open()) {
                    times.remove(Milestone.RESOLVED);
                }
            }
        }
        String verb = !row.status().open() && target.open() ? "Reopened as " : "Status changed to ";
        publish(
                row.id(),
                actor,
                now,
                ChangeKind.STATUS,
                verb + target.json() + " (was " + row.status().json() + ")",
                Map.of("from", row.status().json(), "to", target.json()));
        return with(row, row.title(), row.summary(), row.severity(), target, row.type(), times, closedAt);
    }

    private Row editTimes(Row row, Map<Milestone, Instant> edits, Actor actor, Instant now) {
        Map<Milestone, Instant> times = new EnumMap<>(Milestone.class);
        times.putAll(row.times());
        times.putAll(edits);
        KeyTimes.check(times, now);
        for (Map.Entry<Milestone, Instant> edit : edits.entrySet()) {
            if (!edit.getValue().equals(row.times().get(edit.getKey()))) {
                publish(
                        row.id(),
                        actor,
                        now,
                        ChangeKind.TIMESTAMP,
                        edit.getKey().label() + " time set to " + edit.getValue(),
                        Map.of(
                                "milestone",
                                edit.getKey().field(),
                                "to",
                                edit.getValue().toString(),
                                "from",
                                String.valueOf(row.times().get(edit.getKey()))));
            }
        }
        return with(row, row.title(), row.summary(), row.severity(), row.status(), row.type(), times, row.closedAt());
    }

    private void replaceServices(long id, List<Long> requested, Actor actor, Instant now) {
        List<Long> serviceIds = checkServices(requested);
        List<Long> before = store.serviceIds(id);
        if (new HashSet<>(before).equals(new HashSet<>(serviceIds))) {
            return;
        }
        store.replaceServices(id, serviceIds);
        String names = serviceIds.isEmpty()
                ? "none"
                : serviceIds.stream()
                        .map(s -> services.find(s).map(ServiceView::name).orElse("#" + s))
                        .collect(Collectors.joining(", "));
        publish(
                id,
                actor,
                now,
                ChangeKind.SERVICES,
                "Affected services: " + names,
                Map.of("serviceIds", serviceIds.stream().map(String::valueOf).collect(Collectors.joining(","))));
    }

    private List<Long> checkServices(Collection<Long> serviceIds) {
        List<Long> unique = List.copyOf(new LinkedHashSet<>(serviceIds));
        for (int i = 0; i < unique.size(); i++) {
            Long serviceId = unique.get(i);
            if (serviceId == null || services.find(serviceId).isEmpty()) {
                throw new InvalidInputException("serviceIds[" + i + "]", "is not a known service");
            }
        }
        return unique;
    }

    private Row lockVisible(long id, Actor actor) {
        Row row = store.lock(id).filter(r -> visible(r, actor)).orElseThrow(() -> notFound(id));
        if (row.status() == IncidentStatus.CLOSED && !actor.isAdmin()) {
            throw new ConflictException(Incident.reference(id) + " is closed; only an admin can change it");
        }
        return row;
    }

    private boolean visible(Row row, Actor actor) {
        return row.type() != IncidentType.PRIVATE || actor.isAdmin() || store.isMember(row.id(), actor.userId());
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("Incident " + Incident.reference(id));
    }

    private void publish(long id, Actor actor, Instant at, ChangeKind kind, String text, Map<String, String> data) {
        events.publishEvent(new IncidentChanged(id, actor, at, kind, text, data));
    }

    private static Row with(
            Row row,
            String title,
            String summary,
            String severity,
            IncidentStatus status,
            IncidentType type,
            Map<Milestone, Instant> times,
            Instant closedAt) {
        return new Row(
                row.id(), title, summary, severity, status, type, row.createdBy(), times, closedAt, row.updatedAt());
    }
}
