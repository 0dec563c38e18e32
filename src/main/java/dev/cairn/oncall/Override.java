package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;

/**
 * Someone covers {@code [start, end)}: either whoever is on call then ({@code replacesUserId} null,
 * which also covers a gap where nobody is on), or only the times when {@code replacesUserId} would be
 * on call, e.g. to swap one shift.
 *
 * <p>The name is the domain's word; it hides {@code java.lang.Override} inside this package, where the
 * annotation has to be written {@code @java.lang.Override}.
 */
public record Override(long userId, Instant start, Instant end, Long replacesUserId) {

    public Override {
        Checks.required(start, "override.start");
        Checks.required(end, "override.end");
        if (!start.isBefore(end)) {
            throw new InvalidInputException("override.end", "must be after the start");
        }
    }

    public static Override covering(long userId, Instant start, Instant end) {
        return new Override(userId, start, end, null);
    }

    public static Override replacing(long userId, long replacedUserId, Instant start, Instant end) {
        return new Override(userId, start, end, replacedUserId);
    }

    boolean appliesTo(Long current) {
        return replacesUserId == null || replacesUserId.equals(current);
    }
}
