package dev.cairn.review;

import java.time.Instant;

/**
 * Who reviews an incident and why. {@code reviewerId} is null when nobody was eligible; {@code
 * assignedBy} is null when the rotation chose (rather than a person reassigning).
 */
public record RotationAssignment(
        long incidentId,
        Long reviewerId,
        String reviewerName,
        Instant assignedAt,
        String reason,
        Long assignedBy,
        String assignedByName,
        boolean done) {

    public boolean assigned() {
        return reviewerId != null;
    }
}
