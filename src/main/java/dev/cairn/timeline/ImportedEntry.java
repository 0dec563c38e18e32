package dev.cairn.timeline;

import java.time.Instant;
import java.util.Map;

/**
 * An entry brought in from outside Cairn (a Slack export, a call transcript, a chat log). {@code
 * key} identifies it within the incident so a second import of the same file adds nothing twice;
 * {@code authorUserId} is the matching Cairn user, else {@code authorName} is kept and shown.
 */
public record ImportedEntry(
        String key,
        Long authorUserId,
        String authorName,
        String kind,
        String body,
        Instant occurredAt,
        Map<String, String> data) {

    public ImportedEntry(
            String key, Long authorUserId, String authorName, String kind, String body, Instant occurredAt) {
        this(key, authorUserId, authorName, kind, body, occurredAt, Map.of());
    }
}
