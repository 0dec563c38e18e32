package dev.cairn.oncall;

import java.time.Instant;
import java.util.List;

/** A stored schedule: its layers and its overrides, each override with its id. */
public record ScheduleView(
        long id,
        String name,
        String timeZone,
        Long teamId,
        List<Layer> layers,
        List<OverrideView> overrides,
        Instant updatedAt) {

    /** An override as stored, with who created it. */
    public record OverrideView(long id, long userId, Long replacesUserId, Instant start, Instant end, Long createdBy) {

        ScheduleOverride rule() {
            return new ScheduleOverride(userId, start, end, replacesUserId);
        }
    }

    /** The schedule as the calculator reads it. */
    public Schedule schedule() {
        return new Schedule(
                name,
                java.time.ZoneId.of(timeZone),
                layers,
                overrides.stream().map(OverrideView::rule).toList());
    }
}
