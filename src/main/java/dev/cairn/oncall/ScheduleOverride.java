package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;

/**
 * Someone covers {@code [start, end)}: either whoever is on call then ({@code replacesUserId} null,
 * which also covers a gap where nobody is on), or only the times when {@code replacesUserId} would be
 * on call, e.g. to swap one shift.
 */
public record ScheduleOverride(long userId, Instant start, Instant end, Long replacesUserId) {

    public ScheduleOverride {
        Checks.required(start, "override.start");
        Checks.required(end, "override.end");
        if (!start.isBefore(end)) {
            throw new InvalidInputException("override.end", "must be after the start");
        }
    }

    public static ScheduleOverride covering(long userId, Instant start, Instant end) {
        return new ScheduleOverride(userId, start, end, null);
    }

    public static ScheduleOverride replacing(long userId, long replacedUserId, Instant start, Instant end) {
        return new ScheduleOverride(userId, start, end, replacedUserId);
    }

    boolean appliesTo(Long current) {
        return replacesUserId == null || replacesUserId.equals(current);
    }
}
