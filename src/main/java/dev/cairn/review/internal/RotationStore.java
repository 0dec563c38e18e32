package dev.cairn.review.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The volunteer pool and the one assignment per incident. */
@Repository
public class RotationStore {

    private final JdbcClient jdbc;

    RotationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A volunteer with their turn and how many reviews they have open. */
    public record VolunteerRow(long userId, Instant joinedAt, Long lastTurn, Instant lastAssignedAt, int openReviews) {}

    /** An incident's assignment; {@code reviewerId} null when nobody was eligible. */
    public record AssignmentRow(
            long incidentId, Long reviewerId, Instant assignedAt, String reason, Long assignedBy, boolean done) {}

    public List<VolunteerRow> volunteers() {
        return jdbc.sql("select v.user_id, v.joined_at, v.last_turn, v.last_assigned_at,"
                        + " (select count(*) from review_assignments a where a.reviewer_id = v.user_id and not a.done)"
                        + " as open_reviews from review_volunteers v order by v.user_id")
                .query((rs, n) -> new VolunteerRow(
                        rs.getLong("user_id"),
                        Times.instant(rs, "joined_at"),
                        rs.getObject("last_turn", Long.class),
                        Times.instant(rs, "last_assigned_at"),
                        rs.getInt("open_reviews")))
                .list();
    }

    /** True when the person joined now (false when already in the pool). */
    public boolean join(long userId, Instant now) {
        return jdbc.sql("insert into review_volunteers (user_id, joined_at) values (?, ?) on conflict do nothing")
                        .params(userId, db(now))
                        .update()
                > 0;
    }

    public boolean leave(long userId) {
        return jdbc.sql("delete from review_volunteers where user_id = ?")
                        .param(userId)
                        .update()
                > 0;
    }

    public boolean isVolunteer(long userId) {
        return jdbc.sql("select count(*) from review_volunteers where user_id = ?")
                        .param(userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<AssignmentRow> assignment(long incidentId) {
        return jdbc.sql("select * from review_assignments where incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> new AssignmentRow(
                        rs.getLong("incident_id"),
                        rs.getObject("reviewer_id", Long.class),
                        Times.instant(rs, "assigned_at"),
                        rs.getString("reason"),
                        rs.getObject("assigned_by", Long.class),
                        rs.getBoolean("done")))
                .optional();
    }

    /**
     * Records the assignment unless the incident has one: the primary key decides, so two nodes or a
     * retry never assign twice. True when this call recorded it.
     */
    public boolean assignOnce(long incidentId, Long reviewerId, String reason, Long by, Instant now) {
        return jdbc.sql("insert into review_assignments (incident_id, reviewer_id, assigned_at, reason, assigned_by)"
                                + " values (?, ?, ?, ?, ?) on conflict do nothing")
                        .params(incidentId, reviewerId, db(now), clip(reason), by)
                        .update()
                > 0;
    }

    public void reassign(long incidentId, long reviewerId, String reason, long by, Instant now) {
        jdbc.sql("update review_assignments set reviewer_id = ?, assigned_at = ?, reason = ?, assigned_by = ?,"
                        + " done = false where incident_id = ?")
                .params(reviewerId, db(now), clip(reason), by, incidentId)
                .update();
    }

    public void markDone(long incidentId, boolean done) {
        jdbc.sql("update review_assignments set done = ? where incident_id = ?")
                .params(done, incidentId)
                .update();
    }

    /** Moves the volunteer to the back of the rotation. */
    public void tookTurn(long userId, Instant now) {
        long next = jdbc.sql("select coalesce(max(last_turn), 0) + 1 from review_volunteers")
                .query(Long.class)
                .single();
        jdbc.sql("update review_volunteers set last_turn = ?, last_assigned_at = ? where user_id = ?")
                .params(next, db(now), userId)
                .update();
    }

    /** Assignments of these people, for the pool page: the latest few. */
    public List<AssignmentRow> recent(int limit) {
        return jdbc.sql("select * from review_assignments order by assigned_at desc, incident_id desc limit ?")
                .param(limit)
                .query((rs, n) -> new AssignmentRow(
                        rs.getLong("incident_id"),
                        rs.getObject("reviewer_id", Long.class),
                        Times.instant(rs, "assigned_at"),
                        rs.getString("reason"),
                        rs.getObject("assigned_by", Long.class),
                        rs.getBoolean("done")))
                .list();
    }

    /** Assignment counts per reviewer (all time), for the pool page and balance checks. */
    public java.util.Map<Long, Integer> countsByReviewer() {
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("select reviewer_id, count(*) c from review_assignments where reviewer_id is not null"
                        + " group by reviewer_id")
                .query(rs -> {
                    counts.put(rs.getLong("reviewer_id"), rs.getInt("c"));
                });
        return counts;
    }

    private static String clip(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 999) + "\u2026";
    }
}
