package dev.cairn.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Whether a review is read: each reader with how far they got (percent of the page) and for how
 * long, readers per team, and reads per day.
 */
public record ReadFigures(
        long incidentId,
        int readers,
        int opens,
        int medianDepth,
        long totalSeconds,
        List<Reader> people,
        List<TeamReaders> teams,
        List<Day> days) {

    public record Reader(
            long userId, String name, Instant firstOpenedAt, Instant lastSeenAt, int depth, long seconds) {}

    public record TeamReaders(String team, int readers) {}

    public record Day(LocalDate day, int opens, int readers) {}
}
