package dev.cairn.oncall;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.internal.ScheduleStore;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored on-call schedules. Who is on call is always answered by the pure {@link OnCall} functions
 * over the stored layers and overrides, so the API, the pages and (later) escalation agree.
 */
@Service
public class Schedules {

    /** The longest range the shifts endpoint computes in one call. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);

    private final ScheduleStore store;
    private final Users users;
    private final Teams teams;
    private final Audit audit;
    private final Clock clock;

    Schedules(ScheduleStore store, Users users, Teams teams, Audit audit, Clock clock) {
        this.store = store;
        this.users = users;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ScheduleView> all() {
        return store.all();
    }

    public ScheduleView get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Schedule " + id));
    }

    @Transactional
    public ScheduleView create(String name, String timeZone, Long teamId, List<Layer> layers, Actor actor) {
        Actors.requireWrite(actor);
        Schedule checked = check(name, timeZone, teamId, layers);
        long id;
        try {
            id = store.insert(checked.name(), checked.zone().getId(), teamId, checked.layers(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A schedule named " + checked.name() + " already exists");
        }
        audit.record(actor, "schedule.created", "schedule", id, "name=" + checked.name());
        return get(id);
    }

    @Transactional
    public ScheduleView update(long id, String name, String timeZone, Long teamId, List<Layer> layers, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        Schedule checked = check(name, timeZone, teamId, layers);
        try {
            store.update(id, checked.name(), checked.zone().getId(), teamId, checked.layers(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A schedule named " + checked.name() + " already exists");
        }
        audit.record(actor, "schedule.updated", "schedule", id, "name=" + checked.name());
        return get(id);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        store.delete(id);
        audit.record(actor, "schedule.deleted", "schedule", id, "");
    }

    /** Someone covers a range: whoever is on then, or only {@code replacesUserId}'s shifts. */
    @Transactional
    public ScheduleView addOverride(
            long id, long userId, Long replacesUserId, Instant start, Instant end, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        activeUser(userId, "userId");
        if (replacesUserId != null) {
            activeUser(replacesUserId, "replacesUserId");
        }
        new ScheduleOverride(userId, start, end, replacesUserId);
        long overrideId = store.insertOverride(
                id, userId, replacesUserId, start, end, actor.isSystem() ? null : actor.userId(), clock.instant());
        audit.record(actor, "schedule.override_added", "schedule", id, "override=" + overrideId + " user=" + userId);
        return get(id);
    }

    @Transactional
    public ScheduleView removeOverride(long id, long overrideId, Actor actor) {
        Actors.requireWrite(actor);
        if (store.deleteOverride(id, overrideId) == 0) {
            throw new NotFoundException("Override " + overrideId + " of schedule " + id);
        }
        audit.record(actor, "schedule.override_removed", "schedule", id, "override=" + overrideId);
        return get(id);
    }

    /**
     * A new secret for the schedule's calendar feed, returned once: only its hash is stored, and the
     * previous link (if any) stops working at once.
     */
    @Transactional
    public String newFeedToken(long id, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        String token = Secrets.random(32);
        store.setFeedTokenHash(id, Secrets.sha256(token));
        audit.record(actor, "schedule.feed_link_created", "schedule", id, "");
        return token;
    }

    public boolean hasFeed(long id) {
        return store.hasFeed(id);
    }

    /** The schedule whose calendar feed this secret opens, if any. */
    public Optional<ScheduleView> byFeedToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return store.idByFeedTokenHash(Secrets.sha256(token)).flatMap(store::find);
    }

    /**
     * A new secret for the actor's own feed (their shifts in every schedule), returned once. Any
     * signed-in person may have one: it only shows their own shifts, which they can read anyway.
     */
    @Transactional
    public String newPersonFeedToken(Actor actor) {
        if (actor.isSystem()) {
            throw new dev.cairn.shared.ForbiddenException("Only people have calendar feeds");
        }
        String token = Secrets.random(32);
        try {
            store.setPersonFeedTokenHash(actor.userId(), Secrets.sha256(token), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Another link was created at the same moment; try again");
        }
        audit.record(actor, "oncall.person_feed_link_created", "user", actor.userId(), "");
        return token;
    }

    public boolean hasPersonFeed(long userId) {
        return store.hasPersonFeed(userId);
    }

    /** The active person whose own feed this secret opens, if any. */
    public Optional<UserView> byPersonFeedToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return store.userByPersonFeedTokenHash(Secrets.sha256(token))
                .flatMap(users::find)
                .filter(UserView::active);
    }

    public Optional<OnCallAt> onCall(long id, Instant at) {
        return OnCall.whoIsOnCall(get(id).schedule(), at);
    }

    public List<Shift> shifts(long id, Instant from, Instant to) {
        checkRange(from, to);
        return OnCall.shifts(get(id).schedule(), from, to);
    }

    public List<LayerShifts> layerShifts(long id, Instant from, Instant to) {
        checkRange(from, to);
        return OnCall.layerShifts(get(id).schedule(), from, to);
    }

    private static void checkRange(Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("to", "must be at most " + MAX_RANGE.toDays() + " days after from");
        }
    }

    private Schedule check(String name, String timeZone, Long teamId, List<Layer> layers) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null ? "" : timeZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Paris");
        }
        if (teamId != null && teams.find(teamId).isEmpty()) {
            throw new InvalidInputException("teamId", "is not a known team");
        }
        Schedule schedule = new Schedule(name, zone, layers, List.of());
        Set<Long> people = new HashSet<>();
        schedule.layers().forEach(layer -> people.addAll(layer.participants()));
        for (Long userId : people) {
            activeUser(userId, "layers.participants");
        }
        return schedule;
    }

    private UserView activeUser(long userId, String field) {
        return users.find(userId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException(field, "user " + userId + " is not an active user"));
    }
}
