package dev.cairn.timeline;

import java.time.Instant;
import java.util.Map;

/** One entry of an incident's timeline. Deleted entries keep their place but not their text. */
public record TimelineEntry(
        long id,
        long incidentId,
        String kind,
        String body,
        Long authorId,
        String authorName,
        String source,
        Instant occurredAt,
        Instant createdAt,
        boolean starred,
        Instant editedAt,
        boolean deleted,
        Map<String, String> data) {

    /** Entries people write, as opposed to those Cairn records when the incident changes. */
    public boolean written() {
        return EntryKind.isWritten(kind);
    }

    /** Imported from a Slack export, a call transcript or a chat log (see {@link EntrySource}). */
    public boolean imported() {
        return EntrySource.isImport(source);
    }
}
