package dev.cairn.timeline;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.timeline.internal.LiveBus;
import dev.cairn.timeline.internal.TimelineStore;
import dev.cairn.timeline.internal.TimelineStore.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and writing an incident's timeline. Access follows the incident: whoever cannot see the
 * incident cannot see or touch its entries (404). Every write is announced to open rooms after
 * commit through the {@link LiveBus}.
 */
@Service
public class Timeline {

    static final int ROOM_LIMIT = 5000;

    /** The author's name where the message was written, for mirrored entries without a Cairn user. */
    static final String AUTHOR_NAME = "author_name";

    private final TimelineStore store;
    private final Incidents incidents;
    private final IncidentPeople people;
    private final Users users;
    private final Audit audit;
    private final LiveBus bus;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Timeline(
            TimelineStore store,
            Incidents incidents,
            IncidentPeople people,
            Users users,
            Audit audit,
            LiveBus bus,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.store = store;
        this.incidents = incidents;
        this.people = people;
        this.users = users;
        this.audit = audit;
        this.bus = bus;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public TimelineEntry post(long incidentId, PostEntry post, Actor actor) {
        Actors.requireWrite(actor);
        incidents.get(incidentId, actor);
        Instant now = clock.instant();
        Instant occurredAt = post.occurredAt() == null ? now : post.occurredAt();
        if (occurredAt.isAfter(now.plusSeconds(300))) {
            throw new InvalidInputException("occurredAt", "cannot be in the future");
        }
        people.ensureParticipant(incidentId, actor.userId(), "posted", actor);
        long id = store.insert(
                incidentId,
                post.kind(),
                post.body(),
                actor.isSystem() ? null : actor.userId(),
                EntrySource.of(actor),
                occurredAt,
                now,
                Map.of());
        audit.record(actor, "timeline.posted", "timeline_entry", id, "incident=" + incidentId + " kind=" + post.kind());
        bus.publish(new LiveEvent(incidentId, LiveEvent.Type.ENTRY, id));
        events.publishEvent(
                new EntryPosted(incidentId, id, post.kind(), post.body(), actor.name(), EntrySource.of(actor)));
        return entry(id);
    }

    /**
     * Records what another module did in an incident (a checklist item ticked, an update sent to an
     * audience) as a system entry of its own {@code kind}, written by Cairn on behalf of {@code
     * actor}, in the caller's transaction, and pushed live to the room. Kinds people write
     * (message, note, update) are refused: those go through {@link #post}.
     */
    @Transactional
    public TimelineEntry record(long incidentId, String kind, String text, Map<String, String> data, Actor actor) {
        if (kind == null || !kind.matches("[a-z][a-z0-9_]{1,39}") || EntryKind.isWritten(kind)) {
            throw new InvalidInputException("kind", "must be a lower-case name of a recorded kind, not a written one");
        }
        incidents.get(incidentId, actor.isSystem() ? Actor.SYSTEM : actor);
        Instant now = clock.instant();
        long id = store.insert(
                incidentId,
                kind,
                PostEntry.checkBody(text),
                actor.isSystem() ? null : actor.userId(),
                EntrySource.of(actor),
                now,
                now,
                data == null ? Map.of() : data);
        bus.publish(new LiveEvent(incidentId, LiveEvent.Type.ENTRY, id));
        return entry(id);
    }

    /** The data key keeping an imported entry's original author when no Cairn user matched. */
    public static final String IMPORTED_AUTHOR = "imported_author";

    /**
     * Adds entries imported from outside Cairn, keeping their original time and author, in the
     * caller's transaction (an importer calls this once per batch and rolls everything back on a
     * broken file). An entry whose key the incident already has is skipped. Not pushed live one by
     * one: the room shows them on its next load. Returns how many were added.
     */
    @Transactional
    public int importEntries(long incidentId, String source, List<ImportedEntry> entries, Actor importer) {
        Actors.requireWrite(importer);
        if (!EntrySource.isImport(source)) {
            throw new InvalidInputException("source", "must be slack-export, vtt or chat-log");
        }
        incidents.get(incidentId, importer);
        if (entries.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<TimelineStore.Imported> rows = entries.stream()
                .map(e -> {
                    if (e.key() == null || e.key().isBlank() || e.key().length() > 200) {
                        throw new InvalidInputException("key", "must be 1 to 200 characters");
                    }
                    if (!EntryKind.isWritten(e.kind())) {
                        throw new InvalidInputException("kind", "must be one of message, note, update");
                    }
                    Map<String, String> data = new java.util.LinkedHashMap<>(e.data() == null ? Map.of() : e.data());
                    if (e.authorUserId() == null
                            && e.authorName() != null
                            && !e.authorName().isBlank()) {
                        data.put(IMPORTED_AUTHOR, e.authorName().strip());
                    }
                    return new TimelineStore.Imported(
                            e.key(),
                            e.kind(),
                            PostEntry.checkBody(e.body()),
                            e.authorUserId(),
                            Objects.requireNonNull(e.occurredAt(), "occurredAt"),
                            data);
                })
                .toList();
        return store.insertImported(incidentId, source, rows, now);
    }

    /**
     * Mirrors a message written outside Cairn (a Slack channel) as a message entry with its real
     * author, or only the author's name there when no Cairn user matches, and its original time.
     * The outside id makes it idempotent: empty when that message was already mirrored.
     */
    @Transactional
    public Optional<TimelineEntry> mirror(Mirrored message) {
        incidents.get(message.incidentId(), Actor.SYSTEM);
        Instant now = clock.instant();
        Optional<Long> id = store.insertExternal(
                message.incidentId(),
                EntryKind.MESSAGE,
                PostEntry.checkBody(message.body()),
                message.authorId(),
                message.source(),
                message.externalId(),
                message.occurredAt(),
                now,
                Map.of(AUTHOR_NAME, message.authorName()));
        id.ifPresent(entryId -> {
            if (message.authorId() != null) {
                people.ensureParticipant(message.incidentId(), message.authorId(), "posted", Actor.SYSTEM);
            }
            audit.record(
                    Actor.SYSTEM,
                    "timeline.mirrored",
                    "timeline_entry",
                    entryId,
                    "incident=" + message.incidentId() + " source=" + message.source());
            bus.publish(new LiveEvent(message.incidentId(), LiveEvent.Type.ENTRY, entryId));
        });
        return id.map(this::entry);
    }

    /** A message written outside Cairn, for {@link #mirror}. {@code authorId} may be null. */
    public record Mirrored(
            long incidentId,
            String source,
            String externalId,
            Long authorId,
            String authorName,
            String body,
            Instant occurredAt) {}

    /** The edit of a mirrored message (keeps the earlier text in the history); empty if unknown. */
    @Transactional
    public Optional<TimelineEntry> mirrorEdit(long incidentId, String externalId, String body) {
        return store.findExternal(incidentId, externalId)
                .filter(row -> row.deletedAt() == null)
                .map(row -> {
                    String clean = PostEntry.checkBody(body);
                    if (!clean.equals(row.body())) {
                        store.edit(row.id(), row.body(), clean, row.authorId(), clock.instant());
                        audit.record(
                                Actor.SYSTEM, "timeline.edited", "timeline_entry", row.id(), "incident=" + incidentId);
                        bus.publish(new LiveEvent(incidentId, LiveEvent.Type.ENTRY_CHANGED, row.id()));
                    }
                    return entry(row.id());
                });
    }

    /** The deletion of a mirrored message: its entry keeps its place but not its text. */
    @Transactional
    public Optional<TimelineEntry> mirrorDelete(long incidentId, String externalId) {
        return store.findExternal(incidentId, externalId).map(row -> {
            if (row.deletedAt() == null) {
                store.softDelete(row.id(), row.authorId(), clock.instant());
                audit.record(Actor.SYSTEM, "timeline.deleted", "timeline_entry", row.id(), "incident=" + incidentId);
                bus.publish(new LiveEvent(incidentId, LiveEvent.Type.ENTRY_CHANGED, row.id()));
            }
            return entry(row.id());
        });
    }

    /** Stars a mirrored message as a key moment (a reaction in Slack); empty if unknown. */
    @Transactional
    public Optional<TimelineEntry> mirrorStar(long incidentId, String externalId) {
        return store.findExternal(incidentId, externalId)
                .filter(row -> row.deletedAt() == null)
                .map(row -> {
                    if (!row.starred()) {
                        store.star(row.id(), true);
                        audit.record(
                                Actor.SYSTEM, "timeline.starred", "timeline_entry", row.id(), "incident=" + incidentId);
                        bus.publish(new LiveEvent(incidentId, LiveEvent.Type.ENTRY_CHANGED, row.id()));
                    }
                    return entry(row.id());
                });
    }

    /** The whole timeline in the order things happened (for the room and reviews). */
    public List<TimelineEntry> chronological(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return named(store.chronological(incidentId, ROOM_LIMIT));
    }

    /**
     * Up to {@code limit} entries in the order things happened, starting after the entry {@code
     * afterEntryId} (0 for the start): a long transcript read in chunks (reviews).
     */
    public List<TimelineEntry> chronologicalAfter(long incidentId, long afterEntryId, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        if (afterEntryId <= 0) {
            return named(store.chronological(incidentId, limit));
        }
        Row after = store.find(afterEntryId)
                .filter(row -> row.incidentId() == incidentId)
                .orElseThrow(() -> new InvalidInputException("after", "is not an entry of this incident"));
        return named(store.chronologicalAfter(incidentId, after.occurredAt(), after.id(), limit));
    }

    /** How many entries the incident's timeline holds. */
    public int count(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.count(incidentId);
    }

    /** The ids of everyone who wrote on the timeline, whatever its length (the room shows at most 5,000 entries). */
    public java.util.Set<Long> authors(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return new java.util.LinkedHashSet<>(store.authorIds(incidentId));
    }

    /** The starred entries' ids, in the order things happened, whatever the timeline's length. */
    public List<Long> starred(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.starredIds(incidentId);
    }

    /** These entries of one incident (others are left out), in the order things happened. */
    public List<TimelineEntry> entries(long incidentId, java.util.Collection<Long> entryIds, Actor actor) {
        incidents.get(incidentId, actor);
        if (entryIds.isEmpty()) {
            return List.of();
        }
        return named(store.some(incidentId, entryIds));
    }

    /** A page of the timeline, newest first, for the API. */
    public CursorPage<TimelineEntry> page(long incidentId, String cursor, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        List<Row> rows = store.newestFirst(incidentId, CursorPage.decode(cursor), limit + 1);
        return CursorPage.of(named(rows), limit, TimelineEntry::id);
    }

    /** Entries after a given id, oldest first: what a reconnecting live client missed. */
    public List<TimelineEntry> after(long incidentId, long afterId, Actor actor) {
        incidents.get(incidentId, actor);
        return named(store.after(incidentId, afterId, 500));
    }

    public Optional<TimelineEntry> find(long entryId, Actor actor) {
        return store.find(entryId)
                .filter(row -> incidents.canView(row.incidentId(), actor))
                .map(row -> named(List.of(row)).getFirst());
    }

    @Transactional
    public TimelineEntry edit(long entryId, String body, Actor actor) {
        Actors.requireWrite(actor);
        Row row = writable(entryId, actor);
        if (!EntryKind.isWritten(row.kind())) {
            throw new ConflictException("Entries recorded by Cairn cannot be edited");
        }
        if (!Objects.equals(row.authorId(), actor.userId()) && !actor.isAdmin()) {
            throw new dev.cairn.shared.ForbiddenException("Only the author or an admin may edit this entry");
        }
        String clean = PostEntry.checkBody(body);
        if (!clean.equals(row.body())) {
            store.edit(entryId, row.body(), clean, actor.userId(), clock.instant());
            audit.record(actor, "timeline.edited", "timeline_entry", entryId, "incident=" + row.incidentId());
            bus.publish(new LiveEvent(row.incidentId(), LiveEvent.Type.ENTRY_CHANGED, entryId));
        }
        return entry(entryId);
    }

    @Transactional
    public TimelineEntry star(long entryId, boolean starred, Actor actor) {
        Actors.requireWrite(actor);
        Row row = writable(entryId, actor);
        if (row.starred() != starred) {
            store.star(entryId, starred);
            audit.record(
                    actor,
                    starred ? "timeline.starred" : "timeline.unstarred",
                    "timeline_entry",
                    entryId,
                    "incident=" + row.incidentId());
            bus.publish(new LiveEvent(row.incidentId(), LiveEvent.Type.ENTRY_CHANGED, entryId));
        }
        return entry(entryId);
    }

    @Transactional
    public TimelineEntry delete(long entryId, Actor actor) {
        Actors.requireWrite(actor);
        Row row = writable(entryId, actor);
        if (!EntryKind.isWritten(row.kind())) {
            throw new ConflictException("Entries recorded by Cairn cannot be deleted");
        }
        if (!Objects.equals(row.authorId(), actor.userId()) && !actor.isAdmin()) {
            throw new dev.cairn.shared.ForbiddenException("Only the author or an admin may delete this entry");
        }
        store.softDelete(entryId, actor.userId(), clock.instant());
        audit.record(actor, "timeline.deleted", "timeline_entry", entryId, "incident=" + row.incidentId());
        bus.publish(new LiveEvent(row.incidentId(), LiveEvent.Type.ENTRY_CHANGED, entryId));
        return entry(entryId);
    }

    /** Earlier versions of an edited entry, oldest first. */
    public List<TimelineStore.Revision> history(long entryId, Actor actor) {
        find(entryId, actor).orElseThrow(() -> new NotFoundException("Entry " + entryId));
        return store.revisions(entryId);
    }

    /** Records every incident change on its timeline, in the changing transaction. */
    @EventListener
    void on(IncidentChanged change) {
        Actor actor = change.actor();
        long id = store.insert(
                change.incidentId(),
                change.kind().json(),
                change.text(),
                actor.isSystem() ? null : actor.userId(),
                EntrySource.of(actor),
                change.at(),
                change.at(),
                change.data());
        bus.publish(new LiveEvent(change.incidentId(), LiveEvent.Type.ENTRY, id));
        bus.publish(new LiveEvent(change.incidentId(), LiveEvent.Type.INCIDENT, 0));
    }

    TimelineEntry entry(long id) {
        return named(List.of(store.find(id).orElseThrow(() -> new NotFoundException("Entry " + id))))
                .getFirst();
    }

    private Row writable(long entryId, Actor actor) {
        Row row = store.find(entryId)
                .filter(r -> incidents.canView(r.incidentId(), actor))
                .orElseThrow(() -> new NotFoundException("Entry " + entryId));
        if (row.deletedAt() != null) {
            throw new ConflictException("Entry " + entryId + " was deleted");
        }
        return row;
    }

    List<TimelineEntry> named(List<Row> rows) {
        Map<Long, UserView> people = users.byIds(
                rows.stream().map(Row::authorId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return rows.stream()
                .map(row -> new TimelineEntry(
                        row.id(),
                        row.incidentId(),
                        row.kind(),
                        row.deletedAt() != null ? "" : row.body(),
                        row.authorId(),
                        row.authorId() == null
                                ? EntrySource.isImport(row.source())
                                                && row.data().containsKey(IMPORTED_AUTHOR)
                                        ? row.data().get(IMPORTED_AUTHOR)
                                        : row.data().getOrDefault(AUTHOR_NAME, "Cairn")
                                : people.containsKey(row.authorId())
                                        ? people.get(row.authorId()).name()
                                        : "unknown",
                        row.source(),
                        row.occurredAt(),
                        row.createdAt(),
                        row.starred(),
                        row.editedAt(),
                        row.deletedAt() != null,
                        row.data()))
                .toList();
    }
}
