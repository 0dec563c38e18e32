package dev.cairn.timeline;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;

/** Something a person posts to the timeline; {@code occurredAt} backdates it (e.g. notes taken earlier). */
public record PostEntry(String kind, String body, Instant occurredAt) {

    public static final int MAX_BODY = 20000;

    public PostEntry {
        kind = EntryKind.parseWritten(kind);
        body = checkBody(body);
    }

    static String checkBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "must not be empty");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "must be at most " + MAX_BODY + " characters");
        }
        return body.strip();
    }
}
