package dev.cairn.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * Local times of a schedule as instants, by one rule for hand-offs and restrictions alike: the first
 * instant at which the wall clock shows that time or later. A time skipped when clocks go forward is
 * the moment they jump (02:30 on a 02:00→03:00 night is 03:00, as cron does); a time that happens
 * twice when clocks go back is its first occurrence.
 */
final class WallClock {

    private WallClock() {}

    static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(date, time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
}
