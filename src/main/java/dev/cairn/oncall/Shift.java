package dev.cairn.oncall;

import java.time.Instant;

/**
 * A person on call for {@code [start, end)}; {@code source} is the layer's name, {@link
 * #OVERRIDE}, or several of them joined by " + " when adjacent pieces of one person were merged.
 */
public record Shift(long userId, Instant start, Instant end, String source) {

    public static final String OVERRIDE = "override";

    public Shift {
        Checks.required(start, "shift.start");
        Checks.required(end, "shift.end");
        Checks.required(source, "shift.source");
        if (!start.isBefore(end)) {
            throw new dev.cairn.shared.InvalidInputException("shift.end", "must be after the start");
        }
    }

    public java.time.Duration duration() {
        return java.time.Duration.between(start, end);
    }
}
