package dev.cairn.insights;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The period of an audit report: incidents declared at or after {@code from} and before {@code to}.
 * A bare date is a whole UTC day, so {@code from=2026-01-01&to=2026-03-31} covers the first
 * quarter with both days included.
 */
public record AuditPeriod(Instant from, Instant to) {

    public AuditPeriod {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }

    /** Parses {@code from} and {@code to}; blank ones default to the twelve months up to today. */
    public static AuditPeriod parse(String from, String to, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant end = blank(to) ? today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) : instant(to, "to", true);
        Instant start = blank(from)
                ? LocalDate.ofInstant(end, ZoneOffset.UTC)
                        .minusYears(1)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                : instant(from, "from", false);
        return new AuditPeriod(start, end);
    }

    /** The first day of the period, for forms and file names. */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    /** The last day the period touches (the day before {@code to} when it is a midnight). */
    public LocalDate lastDay() {
        return LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Instant instant(String value, String field, boolean endOfDay) {
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date (2026-01-31) or an instant (2026-01-31T00:00:00Z)");
        }
    }
}
