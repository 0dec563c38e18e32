package dev.cairn.oncall;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/**
 * A weekly window, in the schedule's zone, during which a layer is on: from {@code start} on
 * {@code day} to {@code end}. An end at or before the start means the window crosses midnight and
 * ends on the following day, so 22:00–06:00 is a night and 00:00–00:00 the whole day.
 */
public record Restriction(DayOfWeek day, LocalTime start, LocalTime end) {

    public Restriction {
        Checks.required(day, "restriction.day");
        Checks.required(start, "restriction.start");
        Checks.required(end, "restriction.end");
    }

    /** The same window on Monday to Friday, e.g. business hours. */
    public static List<Restriction> weekdays(LocalTime start, LocalTime end) {
        return on(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
    }

    /** The same window on each of the given days. */
    public static List<Restriction> on(java.util.Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        Checks.required(days, "restriction.days");
        EnumSet<DayOfWeek> ordered = EnumSet.noneOf(DayOfWeek.class);
        ordered.addAll(days);
        return ordered.stream().map(day -> new Restriction(day, start, end)).toList();
    }

    boolean crossesMidnight() {
        return !end.isAfter(start);
    }
}
