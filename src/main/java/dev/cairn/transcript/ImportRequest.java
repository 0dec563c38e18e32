package dev.cairn.transcript;

import java.time.Instant;
import java.util.Map;

/**
 * What to import: the file's kind; for a Slack export the channel (name or id) and an optional
 * time range {@code [from, to)}; for a call transcript the time the recording started (default: the
 * incident's declaration) and speakers mapped by hand to Cairn user ids.
 */
public record ImportRequest(
        ImportKind kind, String channel, Instant from, Instant to, Instant startedAt, Map<String, Long> speakers) {

    public ImportRequest {
        speakers = speakers == null ? Map.of() : Map.copyOf(speakers);
    }
}
