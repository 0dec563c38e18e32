package dev.cairn.timeline;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.timeline.internal.TimelineStore;
import dev.cairn.timeline.internal.TimelineStore.Row;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The stretch of a timeline the incident room shows: the newest entries, the chunk before or
 * after the ones shown, or a window around one linked entry, each with how many entries lie
 * beyond it. Reading only; entries are written through {@link Timeline}.
 */
@Service
public class RoomWindows {

    private final TimelineStore store;
    private final Incidents incidents;
    private final Timeline timeline;

    RoomWindows(TimelineStore store, Incidents incidents, Timeline timeline) {
        this.store = store;
        this.incidents = incidents;
        this.timeline = timeline;
    }

    /**
     * A stretch of the timeline in the order things happened, with how many entries come before it
     * and after it. The room's chunks run up to the newest entry ({@code later} 0), except when it
     * is opened at an old entry of a long timeline: then it shows a window around that entry.
     */
    public record Chunk(List<TimelineEntry> entries, int earlier, int later) {

        /** The id of the first (oldest) entry, 0 when the chunk is empty. */
        public long firstId() {
            return entries.isEmpty() ? 0 : entries.getFirst().id();
        }

        /** The id of the last (newest) entry, 0 when the chunk is empty. */
        public long lastId() {
            return entries.isEmpty() ? 0 : entries.getLast().id();
        }
    }

    /** The newest {@code limit} entries in time order, and how many are older: what the room opens with. */
    public Chunk newest(long incidentId, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        return chunk(incidentId, store.chronologicalBefore(incidentId, null, 0, limit), false);
    }

    /**
     * The {@code limit} entries just before the entry {@code beforeEntryId} in time order, and how
     * many are older still: the room's "show earlier". The cursor is the entry's (occurred_at, id),
     * so entries added at the newest end in the meantime shift nothing.
     */
    public Chunk before(long incidentId, long beforeEntryId, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        Row before = entryOf(incidentId, beforeEntryId, "before");
        return chunk(incidentId, store.chronologicalBefore(incidentId, before.occurredAt(), before.id(), limit), false);
    }

    /**
     * The {@code limit} entries just after the entry {@code afterEntryId} in time order, and how
     * many come later still: "show later" in a room opened at an old entry.
     */
    public Chunk later(long incidentId, long afterEntryId, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        Row after = entryOf(incidentId, afterEntryId, "after");
        List<Row> rows = store.chronologicalAfter(incidentId, after.occurredAt(), after.id(), limit);
        int later = rows.isEmpty()
                ? 0
                : store.countAfter(
                        incidentId, rows.getLast().occurredAt(), rows.getLast().id());
        return new Chunk(timeline.named(rows), 0, later);
    }

    /**
     * Everything from the entry {@code fromEntryId} through the newest, in time order: the room
     * reloading what it shows. Past {@link Timeline#ROOM_LIMIT} entries only the newest {@code limit}.
     */
    public Chunk from(long incidentId, long fromEntryId, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        Row from = entryOf(incidentId, fromEntryId, "from");
        List<Row> rows = store.chronologicalFrom(incidentId, from.occurredAt(), from.id(), Timeline.ROOM_LIMIT + 1);
        return rows.size() > Timeline.ROOM_LIMIT
                ? chunk(incidentId, store.chronologicalBefore(incidentId, null, 0, limit), false)
                : chunk(incidentId, rows, false);
    }

    /**
     * The entries from {@code fromEntryId} through {@code toEntryId} (at most {@link Timeline#ROOM_LIMIT}):
     * a room opened at an old entry reloading the window it shows.
     */
    public Chunk range(long incidentId, long fromEntryId, long toEntryId, Actor actor) {
        incidents.get(incidentId, actor);
        Row from = entryOf(incidentId, fromEntryId, "from");
        Row to = entryOf(incidentId, toEntryId, "to");
        List<Row> rows = store.chronologicalFrom(incidentId, from.occurredAt(), from.id(), Timeline.ROOM_LIMIT).stream()
                .takeWhile(row -> row.occurredAt().isBefore(to.occurredAt())
                        || (row.occurredAt().equals(to.occurredAt()) && row.id() <= to.id()))
                .toList();
        return chunk(incidentId, rows, true);
    }

    /**
     * The room opened at one entry (a link to it): the newest {@code limit} entries when it is among
     * them, else a window from {@code context} entries before it to {@code limit} entries from it,
     * with how many come later (0 when the window reaches the newest entry).
     */
    public Chunk around(long incidentId, long entryId, int limit, int context, Actor actor) {
        Chunk newest = newest(incidentId, limit, actor);
        Row target = entryOf(incidentId, entryId, "around");
        if (newest.entries().stream().anyMatch(e -> e.id() == target.id())) {
            return newest;
        }
        List<Row> lead = store.chronologicalBefore(incidentId, target.occurredAt(), target.id(), context);
        Row start = lead.isEmpty() ? target : lead.getFirst();
        List<Row> rows = store.chronologicalFrom(incidentId, start.occurredAt(), start.id(), lead.size() + limit);
        return chunk(incidentId, rows, true);
    }

    /**
     * Everything from {@code context} entries before the entry {@code entryId} through the newest:
     * the room (without JavaScript) with the chunk before that entry.
     */
    public Chunk through(long incidentId, long entryId, int context, int limit, Actor actor) {
        incidents.get(incidentId, actor);
        Row target = entryOf(incidentId, entryId, "entry");
        List<Row> lead = store.chronologicalBefore(incidentId, target.occurredAt(), target.id(), context);
        Row start = lead.isEmpty() ? target : lead.getFirst();
        return from(incidentId, start.id(), limit, actor);
    }

    private Row entryOf(long incidentId, long entryId, String field) {
        return store.find(entryId)
                .filter(row -> row.incidentId() == incidentId)
                .orElseThrow(() -> new InvalidInputException(field, "is not an entry of this incident"));
    }

    private Chunk chunk(long incidentId, List<Row> rows, boolean countLater) {
        if (rows.isEmpty()) {
            return new Chunk(List.of(), 0, 0);
        }
        Row first = rows.getFirst();
        Row last = rows.getLast();
        return new Chunk(
                timeline.named(rows),
                store.countBefore(incidentId, first.occurredAt(), first.id()),
                countLater ? store.countAfter(incidentId, last.occurredAt(), last.id()) : 0);
    }
}
