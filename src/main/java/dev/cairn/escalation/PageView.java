package dev.cairn.escalation;

import java.time.Instant;

/** A page as people see it. {@code nextAt} is when the next step fires while it is triggered. */
public record PageView(
        long id,
        Long policyId,
        String policyName,
        Long alertGroupId,
        Long incidentId,
        String title,
        String details,
        PageStatus status,
        int stepsFired,
        int nextStep,
        int nextLoop,
        Instant nextAt,
        Instant createdAt,
        Instant acknowledgedAt,
        Long acknowledgedBy,
        String acknowledgedVia,
        Instant resolvedAt,
        String resolvedReason) {

    public boolean open() {
        return status == PageStatus.TRIGGERED;
    }

    public String topic() {
        return topic(id);
    }

    public static String topic(long pageId) {
        return "page:" + pageId;
    }
}
