package dev.cairn.timeline;

import dev.cairn.shared.InvalidInputException;
import java.util.Set;

/** Kinds of entries people post; all other kinds are recorded by Cairn from incident changes. */
public final class EntryKind {

    public static final String MESSAGE = "message";
    public static final String NOTE = "note";
    public static final String UPDATE = "update";
    private static final Set<String> WRITTEN = Set.of(MESSAGE, NOTE, UPDATE);

    private EntryKind() {}

    public static boolean isWritten(String kind) {
        return WRITTEN.contains(kind);
    }

    public static String parseWritten(String kind) {
        if (kind == null || kind.isBlank()) {
            return MESSAGE;
        }
        if (!WRITTEN.contains(kind)) {
            throw new InvalidInputException("kind", "must be one of message, note, update");
        }
        return kind;
    }
}
