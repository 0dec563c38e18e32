package dev.cairn.incident;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.internal.ChangePublisher;
import dev.cairn.incident.internal.IncidentAssembler;
import dev.cairn.incident.internal.IncidentGuard;
import dev.cairn.incident.internal.IncidentStore;
import dev.cairn.incident.internal.IncidentStore.Row;
import dev.cairn.incident.internal.KeyTimes;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declaring, reading and changing incidents. Each change checks who may make it, locks the
 * incident row, applies the rules (the status state machine, key-time checks), audits, and
 * publishes {@link IncidentChanged} in the same transaction. Roles and participants are in {@link
 * IncidentPeople}; who may see what is decided by one guard for both.
 */
@Service
public class Incidents {

    private final IncidentStore store;
    private final IncidentGuard guard;
    private final IncidentAssembler assembler;
    private final ChangePublisher changes;
    private final IncidentPeople people;
    private final Severities severities;
    private final Services services;
    private final Audit audit;
    private final ObjectProvider<IncidentTextSearch> textSearch;
    private final ObjectProvider<CloseGuard> closeGuards;
    private final Clock clock;

    Incidents(
            IncidentStore store,
            IncidentGuard guard,
            IncidentAssembler assembler,
            ChangePublisher changes,
            IncidentPeople people,
            Severities severities,
            Services services,
            Audit audit,
            ObjectProvider<IncidentTextSearch> textSearch,
            ObjectProvider<CloseGuard> closeGuards,
            Clock clock) {
        this.store = store;
        this.guard = guard;
        this.assembler = assembler;
        this.changes = changes;
        this.people = people;
        this.severities = severities;
        this.services = services;
        this.audit = audit;
        this.textSearch = textSearch;
        this.closeGuards = closeGuards;
        this.clock = clock;
    }

    // ---- reading ----------------------------------------------------------------------------

    public Optional<Incident> find(long id, Actor actor) {
        return guard.visibleRow(id, actor)
                .map(row -> assembler.assemble(List.of(row)).getFirst());
    }

    public Incident get(long id, Actor actor) {
        return find(id, actor).orElseThrow(() -> IncidentGuard.notFound(id));
    }

    public boolean canView(long id, Actor actor) {
        return guard.visibleRow(id, actor).isPresent();
    }

    /** Which of {@code ids} the actor may see, in one query (for lists across incidents). */
    public Set<Long> visibleAmong(java.util.Collection<Long> ids, Actor actor) {
        return store.visibleAmong(ids, actor);
    }

    /**
     * The incidents among {@code ids} that {@code actor} may see, in the order of {@code ids}, at
     * most {@code limit}: one query for visibility and three for the incidents, whatever their
     * number (figures across incidents list hundreds at a time).
     */
    public List<Incident> findAll(List<Long> ids, int limit, Actor actor) {
        Set<Long> visible = store.visibleAmong(ids, actor);
        List<Long> wanted =
                ids.stream().filter(visible::contains).distinct().limit(limit).toList();
        Map<Long, Incident> byId =
                assembler.assemble(store.rows(wanted)).stream().collect(Collectors.toMap(Incident::id, i -> i));
        return wanted.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Whether only members and admins may see the incident (private incidents). */
    public boolean restricted(long id) {
        return store.row(id).map(row -> row.type() == IncidentType.PRIVATE).orElse(true);
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
        changes.publish(
                id,
                actor,
                now,
                ChangeKind.DECLARED,
                "Declared " + command.severity() + " " + command.type().json() + " incident: " + command.title(),
                Map.of("severity", command.severity(), "type", command.type().json()));
        if (!actor.isSystem()) {
            people.join(id, actor.userId(), "declared", actor, now);
        }
        return get(id, Actor.SYSTEM);
    }

    @Transactional
    public Incident update(long id, IncidentUpdate change, Actor actor) {
        Actors.requireWrite(actor);
        Row row = guard.lockForChange(id, actor);
        Instant now = clock.instant();
        Row next = row;
        ChangePublisher.Deferred later = changes.defer();
        if (change.title() != null && !change.title().equals(row.title())) {
            next = next.withTitle(change.title());
            later.publish(
                    id,
                    actor,
                    now,
                    ChangeKind.TITLE,
                    "Title changed to \"" + change.title() + "\"",
                    Map.of("from", row.title(), "to", change.title()));
        }
        if (change.summary() != null && !change.summary().equals(row.summary())) {
            next = next.withSummary(change.summary());
            later.publish(id, actor, now, ChangeKind.SUMMARY, "Summary updated", Map.of());
        }
        if (change.severity() != null && !change.severity().equals(row.severity())) {
            severities.check(change.severity());
            next = next.withSeverity(change.severity());
            later.publish(
                    id,
                    actor,
                    now,
                    ChangeKind.SEVERITY,
                    "Severity changed from " + row.severity() + " to " + change.severity(),
                    Map.of("from", row.severity(), "to", change.severity()));
        }
        if (change.type() != null && change.type() != row.type()) {
            next = next.withType(change.type());
            later.publish(
                    id,
                    actor,
                    now,
                    ChangeKind.TYPE,
                    "Type changed from " + row.type().json() + " to "
                            + change.type().json(),
                    Map.of("from", row.type().json(), "to", change.type().json()));
        }
        if (change.status() != null) {
            next = moveStatus(next, change.status(), actor, now, later);
        }
        if (!change.timestamps().isEmpty()) {
            next = editTimes(next, change.timestamps(), actor, now, later);
        }
        store.update(next, now);
        later.flush();
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

    // ---- rules --------------------------------------------------------------------------------

    private Row moveStatus(Row row, IncidentStatus target, Actor actor, Instant now, ChangePublisher.Deferred later) {
        if (target == row.status()) {
            return row;
        }
        if (!row.status().canMoveTo(target)) {
            throw new ConflictException("An incident that is " + row.status().json() + " cannot become "
                    + target.json()
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
            case CLOSED -> {
                refuseCloseIfGuarded(row);
                closedAt = now;
            }
            default -> {
                if (!row.status().open()) {
                    times.remove(Milestone.RESOLVED);
                }
            }
        }
        String verb = !row.status().open() && target.open() ? "Reopened as " : "Status changed to ";
        later.publish(
                row.id(),
                actor,
                now,
                ChangeKind.STATUS,
                verb + target.json() + " (was " + row.status().json() + ")",
                Map.of("from", row.status().json(), "to", target.json()));
        return row.withStatus(target, times, closedAt);
    }

    private void refuseCloseIfGuarded(Row row) {
        Incident incident = assembler.assemble(List.of(row)).getFirst();
        closeGuards
                .orderedStream()
                .map(guard -> guard.refuseClose(incident))
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(reason -> {
                    throw new ConflictException(Incident.reference(row.id()) + " cannot be closed yet: " + reason);
                });
    }

    private Row editTimes(
            Row row, Map<Milestone, Instant> edits, Actor actor, Instant now, ChangePublisher.Deferred later) {
        Map<Milestone, Instant> times = new EnumMap<>(Milestone.class);
        times.putAll(row.times());
        times.putAll(edits);
        KeyTimes.check(times, now);
        for (Map.Entry<Milestone, Instant> edit : edits.entrySet()) {
            Instant before = row.times().get(edit.getKey());
            if (!edit.getValue().equals(before)) {
                later.publish(
                        row.id(),
                        actor,
                        now,
                        ChangeKind.TIMESTAMP,
                        edit.getKey().label() + " time set to " + edit.getValue(),
                        Map.of(
                                "milestone", edit.getKey().field(),
                                "to", edit.getValue().toString(),
                                "from", String.valueOf(before)));
            }
        }
        return row.withTimes(times);
    }

    private void replaceServices(long id, List<Long> requested, Actor actor, Instant now) {
        List<Long> serviceIds = checkServices(requested);
        if (new HashSet<>(store.serviceIds(id)).equals(new HashSet<>(serviceIds))) {
            return;
        }
        store.replaceServices(id, serviceIds);
        String names = serviceIds.isEmpty()
                ? "none"
                : serviceIds.stream()
                        .map(s -> services.find(s).map(ServiceView::name).orElse("#" + s))
                        .collect(Collectors.joining(", "));
        changes.publish(
                id,
                actor,
                now,
                ChangeKind.SERVICES,
                "Affected services: " + names,
                Map.of("serviceIds", serviceIds.stream().map(String::valueOf).collect(Collectors.joining(","))));
    }

    private List<Long> checkServices(Collection<Long> serviceIds) {
        List<Long> requested = new java.util.ArrayList<>(serviceIds);
        for (int i = 0; i < requested.size(); i++) {
            Long serviceId = requested.get(i);
            if (serviceId == null || services.find(serviceId).isEmpty()) {
                throw new InvalidInputException("serviceIds[" + i + "]", "is not a known service");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }
}
