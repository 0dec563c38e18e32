package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;

/**
 * How long each participant of a layer is on before the next one takes over. Days and weeks are
 * calendar units in the schedule's zone: hand-offs stay at the same wall-clock time, so the shift
 * spanning a DST change is an hour shorter or longer (a 09:00 "day" lasts 23 or 25 hours). Hours are
 * exact durations whatever the clocks do.
 */
public record Rotation(Unit unit, int length) {

    /** The unit of a rotation's length. */
    public enum Unit {
        HOURS,
        DAYS,
        WEEKS
    }

    public Rotation {
        Checks.required(unit, "rotation.unit");
        int max = switch (unit) {
            case HOURS -> 24 * 7 * 52;
            case DAYS -> 7 * 52;
            case WEEKS -> 52;
        };
        if (length < 1 || length > max) {
            throw new InvalidInputException(
                    "rotation.length", "must be 1 to " + max + " " + unit.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public static Rotation daily() {
        return new Rotation(Unit.DAYS, 1);
    }

    public static Rotation weekly() {
        return new Rotation(Unit.WEEKS, 1);
    }

    public static Rotation hours(int hours) {
        return new Rotation(Unit.HOURS, hours);
    }

    public static Rotation days(int days) {
        return new Rotation(Unit.DAYS, days);
    }

    /** Calendar days per shift for daily and weekly rotations; not meaningful for hours. */
    long calendarDays() {
        return unit == Unit.WEEKS ? 7L * length : length;
    }
}
