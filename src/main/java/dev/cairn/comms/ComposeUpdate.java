package dev.cairn.comms;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;

/**
 * The one update the communications lead writes: impact, what is being done, a workaround and when
 * the next update comes (null: each audience's cadence decides).
 */
public record ComposeUpdate(String impact, String actions, String workaround, Instant nextUpdateAt) {

    static final int MAX_FIELD = 4000;

    public ComposeUpdate {
        impact = clean("impact", impact);
        actions = clean("actions", actions);
        workaround = clean("workaround", workaround);
    }

    private static String clean(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > MAX_FIELD) {
            throw new InvalidInputException(field, "must be at most " + MAX_FIELD + " characters");
        }
        return value.strip();
    }
}
