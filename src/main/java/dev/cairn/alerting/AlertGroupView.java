package dev.cairn.alerting;

import java.time.Instant;

/** A deduplicated alert: all repeats of one dedup key while it fires. */
public record AlertGroupView(
        long id,
        long integrationId,
        String dedupKey,
        String status,
        String title,
        String severity,
        String source,
        int count,
        int flaps,
        Instant firstSeen,
        Instant lastSeen,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Long serviceId,
        Long incidentId,
        Long ruleId) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    /** Fired again soon after resolving, several times in a day. */
    public boolean flapping() {
        return flaps >= 2;
    }
}
