package dev.cairn.action;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An action item as pages and the API see it. {@code sync} is null when the item has never gone
 * to a tracker; {@code decisions} (oldest first) is filled when one item is read, empty in lists.
 */
public record ActionItem(
        long id,
        long incidentId,
        String incidentReference,
        String title,
        String description,
        String descriptionHtml,
        Long proposedBy,
        String proposedByName,
        Instant proposedAt,
        Decision decision,
        Long decidedBy,
        String decidedByName,
        Instant decidedAt,
        String reason,
        Long ownerId,
        String ownerName,
        Long teamId,
        String teamName,
        LocalDate dueOn,
        LocalDate revisitOn,
        boolean done,
        Instant doneAt,
        String doneByName,
        boolean overdue,
        Sync sync,
        List<DecisionRecord> decisions) {

    /** Where the item lives in a tracker, and how its sync is going. */
    public record Sync(
            String tracker,
            String target,
            String state,
            String externalKey,
            String url,
            int attempts,
            String lastError,
            Instant lastErrorAt,
            Instant syncedAt) {}

    /** One decision: who decided what, when and why. */
    public record DecisionRecord(
            Decision decision,
            Long decidedBy,
            String decidedByName,
            Instant decidedAt,
            String reason,
            Long ownerId,
            LocalDate dueOn,
            LocalDate revisitOn) {}
}
