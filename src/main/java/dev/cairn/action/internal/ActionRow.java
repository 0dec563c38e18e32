package dev.cairn.action.internal;

import dev.cairn.action.Decision;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code action_items}. */
public record ActionRow(
        long id,
        long incidentId,
        String title,
        String description,
        Long proposedBy,
        Instant proposedAt,
        Decision decision,
        Long decidedBy,
        Instant decidedAt,
        String reason,
        Long ownerId,
        Long teamId,
        LocalDate dueOn,
        LocalDate revisitOn,
        Instant doneAt,
        Long doneBy,
        String tracker,
        String trackerTarget,
        String syncState,
        String syncMarker,
        int syncAttempts,
        String syncError,
        Instant syncErrorAt,
        String externalKey,
        String externalUrl,
        Boolean externalOpen,
        Instant syncStartedAt,
        Instant syncedAt) {

    public boolean done() {
        return doneAt != null;
    }

    /** Decided do, not done, and its due date has passed. */
    public boolean overdue(LocalDate today) {
        return decision == Decision.DO && doneAt == null && dueOn != null && dueOn.isBefore(today);
    }

    static ActionRow map(ResultSet rs, int n) throws SQLException {
        return new ActionRow(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                rs.getString("title"),
                rs.getString("description"),
                rs.getObject("proposed_by", Long.class),
                Times.instant(rs, "proposed_at"),
                Decision.valueOf(rs.getString("decision")),
                rs.getObject("decided_by", Long.class),
                Times.instant(rs, "decided_at"),
                rs.getString("reason"),
                rs.getObject("owner_id", Long.class),
                rs.getObject("team_id", Long.class),
                rs.getObject("due_on", LocalDate.class),
                rs.getObject("revisit_on", LocalDate.class),
                Times.instant(rs, "done_at"),
                rs.getObject("done_by", Long.class),
                rs.getString("tracker"),
                rs.getString("tracker_target"),
                rs.getString("sync_state"),
                rs.getString("sync_marker"),
                rs.getInt("sync_attempts"),
                rs.getString("sync_error"),
                Times.instant(rs, "sync_error_at"),
                rs.getString("external_key"),
                rs.getString("external_url"),
                rs.getObject("external_open", Boolean.class),
                Times.instant(rs, "sync_started_at"),
                Times.instant(rs, "synced_at"));
    }
}
