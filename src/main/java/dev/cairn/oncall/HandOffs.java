package dev.cairn.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-off instants of one layer's rotation, computed directly from the shift index rather than
 * by stepping through time, so a lookup years after the epoch costs the same as one on day one.
 *
 * <p>Hand-off {@code k} for calendar rotations is the hand-off time on the local date {@code k × days}
 * after the epoch's date, as {@link WallClock} reads it across DST changes.
 */
final class HandOffs {

    private final Layer layer;
    private final ZoneId zone;
    private final LocalDate epochDate;

    HandOffs(Layer layer, ZoneId zone) {
        this.layer = layer;
        this.zone = zone;
        this.epochDate = layer.start().atZone(zone).toLocalDate();
    }

    /** When shift {@code k} begins; shift 0 begins at the layer's start. */
    Instant at(long k) {
        if (k <= 0) {
            return layer.start();
        }
        Rotation rotation = layer.rotation();
        if (rotation.unit() == Rotation.Unit.HOURS) {
            return layer.start().plus(Duration.ofHours(k * rotation.length()));
        }
        LocalDate date = epochDate.plusDays(k * rotation.calendarDays());
        return WallClock.at(date, layer.handoff(), zone);
    }

    /** The index of the shift that covers {@code t}, for {@code t} at or after the layer's start. */
    long indexAt(Instant t) {
        Rotation rotation = layer.rotation();
        long k;
        if (rotation.unit() == Rotation.Unit.HOURS) {
            long hours = Duration.between(layer.start(), t).toHours();
            k = hours / rotation.length();
        } else {
            long days = ChronoUnit.DAYS.between(epochDate, t.atZone(zone).toLocalDate());
            k = Math.max(0, Math.floorDiv(days, rotation.calendarDays()));
        }
        while (k > 0 && at(k).isAfter(t)) {
            k--;
        }
        while (!at(k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }

    /** The rotation's shifts that meet {@code [from, to)}, clipped to it; nothing before the start. */
    List<Shift> between(Instant from, Instant to) {
        Instant begin = from.isBefore(layer.start()) ? layer.start() : from;
        List<Shift> shifts = new ArrayList<>();
        if (!begin.isBefore(to)) {
            return shifts;
        }
        List<Long> participants = layer.participants();
        for (long k = indexAt(begin); at(k).isBefore(to); k++) {
            Instant start = max(at(k), begin);
            Instant end = min(at(k + 1), to);
            long userId = participants.get((int) Math.floorMod(k, participants.size()));
            shifts.add(new Shift(userId, start, end, layer.name()));
        }
        return shifts;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
