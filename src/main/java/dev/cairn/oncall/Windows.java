package dev.cairn.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The instants a layer's restrictions cover within a range, as sorted, disjoint intervals. Local
 * times resolve as hand-offs do ({@link WallClock}), so a window that ends where the next begins stays
 * seamless across DST, and a window is the stretch between its two ends, never holed by a repeated
 * hour.
 */
final class Windows {

    private Windows() {}

    record Interval(Instant start, Instant end) {}

    static List<Interval> of(List<Restriction> restrictions, ZoneId zone, Instant from, Instant to) {
        List<Interval> raw = new ArrayList<>();
        // A window is at most a day long, so one starting the day before can still reach into the range.
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
                !date.isAfter(last);
                date = date.plusDays(1)) {
            for (Restriction restriction : restrictions) {
                if (restriction.day() != date.getDayOfWeek()) {
                    continue;
                }
                Instant start = WallClock.at(date, restriction.start(), zone);
                LocalDate endDate = restriction.crossesMidnight() ? date.plusDays(1) : date;
                Instant end = WallClock.at(endDate, restriction.end(), zone);
                Instant clippedStart = HandOffs.max(start, from);
                Instant clippedEnd = HandOffs.min(end, to);
                if (clippedStart.isBefore(clippedEnd)) {
                    raw.add(new Interval(clippedStart, clippedEnd));
                }
            }
        }
        raw.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : raw) {
            Interval previous = merged.isEmpty() ? null : merged.getLast();
            if (previous != null && !next.start().isAfter(previous.end())) {
                merged.set(merged.size() - 1, new Interval(previous.start(), HandOffs.max(previous.end(), next.end())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** The parts of {@code shifts} inside {@code windows}; both sorted and disjoint. */
    static List<Shift> clip(List<Shift> shifts, List<Interval> windows) {
        List<Shift> result = new ArrayList<>();
        int w = 0;
        for (Shift shift : shifts) {
            while (w < windows.size() && !windows.get(w).end().isAfter(shift.start())) {
                w++;
            }
            for (int i = w; i < windows.size() && windows.get(i).start().isBefore(shift.end()); i++) {
                Instant start = HandOffs.max(shift.start(), windows.get(i).start());
                Instant end = HandOffs.min(shift.end(), windows.get(i).end());
                if (start.isBefore(end)) {
                    result.add(new Shift(shift.userId(), start, end, shift.source()));
                }
            }
        }
        return result;
    }
}
