package dev.cairn.escalation;

import java.time.Instant;
import java.util.List;

/**
 * Ordered steps: the first fires when a page opens; each waits {@code delayMinutes} for an
 * acknowledgement before the next. After the last step the policy starts over {@code repeat} more
 * times.
 */
public record EscalationPolicy(
        long id,
        String name,
        String description,
        Long teamId,
        int repeat,
        List<Step> steps,
        List<Long> serviceIds,
        Instant createdAt,
        Instant updatedAt) {

    public record Step(int position, int delayMinutes, List<Target> targets) {}

    /** A step's target; {@code name} is filled in for display (the person, schedule or team). */
    public record Target(TargetKind kind, long id, String name) {}

    /** Minutes from the first step to the last one firing, over every repeat. */
    public int totalMinutes() {
        int one = steps.stream().mapToInt(Step::delayMinutes).sum();
        return one * (repeat + 1) - (steps.isEmpty() ? 0 : steps.getLast().delayMinutes());
    }
}
