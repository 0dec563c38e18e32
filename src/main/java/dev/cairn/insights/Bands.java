package dev.cairn.insights;

import dev.cairn.shared.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TreeSet;

/**
 * Splits time into four exclusive bands by the clock of one person: working hours (weekdays from
 * work start to evening start), evenings (weekdays from evening start to sleep start), sleep hours
 * (every day from sleep start to work start) and weekends (Saturday and Sunday outside sleep
 * hours). The four add up to the whole; DST shifts are measured in real elapsed time.
 */
public record Bands(LocalTime workStart, LocalTime eveningStart, LocalTime sleepStart) {

    public static final Bands DEFAULT = new Bands(LocalTime.of(8, 0), LocalTime.of(19, 0), LocalTime.of(23, 0));

    public Bands {
        if (!(workStart.isBefore(eveningStart) && eveningStart.isBefore(sleepStart))) {
            throw new InvalidInputException(
                    "cairn.insights.bands", "must be ordered: work start < evening start < sleep start");
        }
    }

    /** Seconds per band. */
    public record Split(long work, long evening, long sleep, long weekend) {

        public static final Split ZERO = new Split(0, 0, 0, 0);

        public long total() {
            return work + evening + sleep + weekend;
        }

        public Split plus(Split other) {
            return new Split(work + other.work, evening + other.evening, sleep + other.sleep, weekend + other.weekend);
        }
    }

    public Split split(Instant from, Instant to, ZoneId zone) {
        if (!to.isAfter(from)) {
            return Split.ZERO;
        }
        long work = 0;
        long evening = 0;
        long sleep = 0;
        long weekend = 0;
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            ZonedDateTime local = cursor.atZone(zone);
            Instant next = min(nextBoundary(local), to);
            long seconds = Duration.between(cursor, next).toSeconds();
            switch (bandOf(local)) {
                case 0 -> work += seconds;
                case 1 -> evening += seconds;
                case 2 -> sleep += seconds;
                default -> weekend += seconds;
            }
            cursor = next;
        }
        return new Split(work, evening, sleep, weekend);
    }

    private int bandOf(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        if (time.isBefore(workStart) || !time.isBefore(sleepStart)) {
            return 2;
        }
        DayOfWeek day = local.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return 3;
        }
        return time.isBefore(eveningStart) ? 0 : 1;
    }

    private Instant nextBoundary(ZonedDateTime local) {
        LocalDate day = local.toLocalDate();
        TreeSet<Instant> candidates = new TreeSet<>();
        for (LocalDate d : new LocalDate[] {day, day.plusDays(1)}) {
            for (LocalTime t : new LocalTime[] {LocalTime.MIDNIGHT, workStart, eveningStart, sleepStart}) {
                candidates.add(ZonedDateTime.of(d, t, local.getZone()).toInstant());
            }
        }
        Instant after = candidates.higher(local.toInstant());
        return after == null ? local.toInstant().plus(Duration.ofHours(1)) : after;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
