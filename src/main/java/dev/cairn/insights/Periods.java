package dev.cairn.insights;

import java.time.LocalDate;
import java.time.Month;

/** Buckets of time for "over time" series, computed in SQL from a timestamp column. */
public enum Periods {
    WEEK,
    MONTH,
    QUARTER;

    /** Monday 1970-01-05 is the first whole week after the epoch. */
    private static final long FIRST_MONDAY = 4 * 86400L;

    public String sql(String column) {
        return switch (this) {
            case WEEK -> "cast(floor((extract(epoch from " + column + ") - " + FIRST_MONDAY + ") / 604800) as bigint)";
            case MONTH ->
                "cast(extract(year from " + column + ") * 100 + extract(month from " + column + ") as bigint)";
            case QUARTER ->
                "cast(extract(year from " + column + ") * 10 + extract(quarter from " + column + ") as bigint)";
        };
    }

    public LocalDate start(long key) {
        return switch (this) {
            case WEEK -> LocalDate.ofEpochDay(4 + key * 7);
            case MONTH -> LocalDate.of((int) (key / 100), Month.of((int) (key % 100)), 1);
            case QUARTER -> LocalDate.of((int) (key / 10), (int) ((key % 10) - 1) * 3 + 1, 1);
        };
    }

    public String label(long key) {
        return switch (this) {
            case WEEK -> "week of " + start(key);
            case MONTH -> start(key).toString().substring(0, 7);
            case QUARTER -> (key / 10) + " Q" + (key % 10);
        };
    }

    public LocalDate end(long key) {
        LocalDate start = start(key);
        return switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
        };
    }

    public static Periods parse(String value) {
        if (value == null || value.isBlank()) {
            return MONTH;
        }
        for (Periods p : values()) {
            if (p.name().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new dev.cairn.shared.InvalidInputException("interval", "must be one of week, month, quarter");
    }
}
