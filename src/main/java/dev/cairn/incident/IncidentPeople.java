package dev.cairn.incident;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.internal.ChangePublisher;
import dev.cairn.incident.internal.IncidentAssembler;
import dev.cairn.incident.internal.IncidentGuard;
import dev.cairn.incident.internal.IncidentStore;
import dev.cairn.incident.internal.IncidentStore.RoleRow;
import dev.cairn.incident.internal.IncidentStore.Row;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in an incident: the roles (one commander, communications lead and scribe at a time, any
 * number of experts) and every stay in the room, joined and left, kept exactly because load and
 * expertise are measured from it later. A person given a role or posting joins automatically.
 */
@Service
public class IncidentPeople {

    private final IncidentStore store;
    private final IncidentGuard guard;
    private final IncidentAssembler assembler;
    private final ChangePublisher changes;
    private final Users users;
    private final Audit audit;
    private final Clock clock;

    IncidentPeople(
            IncidentStore store,
            IncidentGuard guard,
            IncidentAssembler assembler,
            ChangePublisher changes,
            Users users,
            Audit audit,
            Clock clock) {
        this.store = store;
        this.guard = guard;
        this.assembler = assembler;
        this.changes = changes;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Participant> participants(long id, Actor actor) {
        guard.visibleRow(id, actor).orElseThrow(() -> IncidentGuard.notFound(id));
        return assembler.participants(store.participants(id));
    }

    @Transactional
    public Incident assignRole(long id, IncidentRole role, long userId, Actor actor) {
        Actors.requireWrite(actor);
        Row row = guard.lockForChange(id, actor);
        UserView person = activeUser(userId);
        Instant now = clock.instant();
        List<RoleRow> current = store.roles(List.of(id)).getOrDefault(id, List.of()).stream()
                .filter(r -> r.role() == role)
                .toList();
        if (current.stream().anyMatch(r -> r.userId() == userId)) {
            return incident(id);
        }
        String previous = null;
        if (role.single() && !current.isEmpty()) {
            current.forEach(r -> store.unassignRole(id, role, r.userId()));
            previous = nameOf(current.getFirst().userId());
        }
        store.assignRole(id, role, userId, now);
        changes.publish(
                id,
                actor,
                now,
                ChangeKind.ROLE_ASSIGNED,
                person.name() + " is now " + role.label().toLowerCase(Locale.ROOT)
                        + (previous == null ? "" : " (was " + previous + ")"),
                Map.of("role", role.json(), "userId", String.valueOf(userId)));
        if (role == IncidentRole.COMMANDER && !row.times().containsKey(Milestone.ACKNOWLEDGED)) {
            Map<Milestone, Instant> times = new EnumMap<>(row.times());
            times.put(Milestone.ACKNOWLEDGED, now);
            store.update(row.withTimes(times), now);
        } else {
            store.touch(id, now);
        }
        join(id, userId, "role", actor, now);
        audit.record(actor, "incident.role_assigned", "incident", id, role.json() + " user=" + userId);
        return incident(id);
    }

    @Transactional
    public Incident unassignRole(long id, IncidentRole role, long userId, Actor actor) {
        Actors.requireWrite(actor);
        guard.lockForChange(id, actor);
        Instant now = clock.instant();
        if (store.unassignRole(id, role, userId) == 0) {
            throw new NotFoundException("No " + role.json() + " with user " + userId + " in " + Incident.reference(id));
        }
        changes.publish(
                id,
                actor,
                now,
                ChangeKind.ROLE_UNASSIGNED,
                nameOf(userId) + " is no longer " + role.label().toLowerCase(Locale.ROOT),
                Map.of("role", role.json(), "userId", String.valueOf(userId)));
        store.touch(id, now);
        audit.record(actor, "incident.role_unassigned", "incident", id, role.json() + " user=" + userId);
        return incident(id);
    }

    /** Brings someone into the room (nothing happens when they are there already). */
    @Transactional
    public void join(long id, long userId, String reason, Actor actor) {
        Actors.requireWrite(actor);
        guard.lockForChange(id, actor);
        activeUser(userId);
        if (join(id, userId, reason, actor, clock.instant())) {
            audit.record(actor, "incident.participant_added", "incident", id, "user=" + userId);
        }
    }

    @Transactional
    public void leave(long id, long userId, Actor actor) {
        Actors.requireWrite(actor);
        guard.lockForChange(id, actor);
        Instant now = clock.instant();
        if (store.leave(id, userId, now)) {
            changes.publish(
                    id,
                    actor,
                    now,
                    ChangeKind.PARTICIPANT_LEFT,
                    nameOf(userId) + " left",
                    Map.of("userId", String.valueOf(userId)));
            audit.record(actor, "incident.participant_left", "incident", id, "user=" + userId);
        }
    }

    /**
     * For modules acting in an incident on someone's behalf (the timeline when they post): the
     * person joins if they are not present. The caller has already checked access.
     */
    @Transactional
    public void ensureParticipant(long id, long userId, String reason, Actor actor) {
        if (userId != 0) {
            join(id, userId, reason, actor, clock.instant());
        }
    }

    /** Opens a stay unless one is open; true when the person was not in the room. */
    boolean join(long id, long userId, String reason, Actor actor, Instant now) {
        boolean joined = store.join(id, userId, reason, now);
        if (joined) {
            changes.publish(
                    id,
                    actor,
                    now,
                    ChangeKind.PARTICIPANT_JOINED,
                    nameOf(userId) + " joined",
                    Map.of("userId", String.valueOf(userId), "reason", reason));
        }
        return joined;
    }

    private UserView activeUser(long userId) {
        return users.find(userId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("userId", "is not an active user"));
    }

    private String nameOf(long userId) {
        return users.find(userId).map(UserView::name).orElse("someone");
    }

    private Incident incident(long id) {
        return assembler.assemble(List.of(store.row(id).orElseThrow())).getFirst();
    }
}
