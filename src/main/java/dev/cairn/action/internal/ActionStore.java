package dev.cairn.action.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.action.ActionFilter;
import dev.cairn.action.ActionItem.DecisionRecord;
import dev.cairn.action.Decision;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The action items, their decisions and their sync state. */
@Repository
public class ActionStore {

    /** Sync states: waiting for the job, being created now, linked to an issue, or failed for good. */
    public static final String PENDING = "pending";

    public static final String CREATING = "creating";
    public static final String LINKED = "linked";
    public static final String FAILED = "failed";

    private final JdbcClient jdbc;

    ActionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long incidentId, String title, String description, Long proposedBy, Instant at) {
        return Sql.insert(
                jdbc.sql("insert into action_items (incident_id, title, description, proposed_by, proposed_at,"
                                + " decision) values (?, ?, ?, ?, ?, ?)")
                        .params(incidentId, title, description, proposedBy, db(at), Decision.PROPOSED.name()));
    }

    public Optional<ActionRow> find(long id) {
        return jdbc.sql("select * from action_items where id = ?")
                .param(id)
                .query(ActionRow::map)
                .optional();
    }

    public Optional<ActionRow> lock(long id) {
        return jdbc.sql("select * from action_items where id = ? for update")
                .param(id)
                .query(ActionRow::map)
                .optional();
    }

    public List<ActionRow> ofIncident(long incidentId) {
        return jdbc.sql("select * from action_items where incident_id = ? order by id")
                .param(incidentId)
                .query(ActionRow::map)
                .list();
    }

    /** Up to {@code limit} items below id {@code before}, newest first, matching the filter. */
    public List<ActionRow> page(ActionFilter filter, LocalDate today, long before, int limit) {
        StringBuilder sql = new StringBuilder("select * from action_items where id < :before");
        Map<String, Object> params = new HashMap<>();
        params.put("before", before);
        if (filter.teamId() != null) {
            sql.append(" and team_id = :team");
            params.put("team", filter.teamId());
        }
        if (filter.state() != null) {
            switch (filter.state()) {
                case "open" -> sql.append(" and decision = 'DO' and done_at is null");
                case "done" -> sql.append(" and decision = 'DO' and done_at is not null");
                default -> {
                    sql.append(" and decision = :decision");
                    params.put(
                            "decision", Decision.parse(filter.state(), "state").name());
                }
            }
        }
        if (filter.overdueOnly()) {
            sql.append(" and decision = 'DO' and done_at is null and due_on < :today");
            params.put("today", today);
        }
        sql.append(" order by id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(ActionRow::map).list();
    }

    /** Counts per incident, team and state, for the summary: few rows whatever the number of items. */
    public record CountRow(long incidentId, Long teamId, String decision, boolean done, boolean overdue, int count) {}

    public List<CountRow> counts(Long teamId, LocalDate today) {
        String where = teamId == null ? "" : " where team_id = :team";
        Map<String, Object> params = new HashMap<>();
        params.put("today", today);
        if (teamId != null) {
            params.put("team", teamId);
        }
        return jdbc.sql("select incident_id, team_id, decision, case when done_at is null then 0 else 1 end as done,"
                        + " case when decision = 'DO' and done_at is null and due_on < :today then 1 else 0 end as overdue,"
                        + " count(*) as n from action_items" + where
                        // By position: the same parameter twice is two placeholders, not one expression.
                        + " group by 1, 2, 3, 4, 5")
                .params(params)
                .query((rs, n) -> new CountRow(
                        rs.getLong("incident_id"),
                        rs.getObject("team_id", Long.class),
                        rs.getString("decision"),
                        rs.getInt("done") == 1,
                        rs.getInt("overdue") == 1,
                        rs.getInt("n")))
                .list();
    }

    public void updateText(long id, String title, String description) {
        jdbc.sql("update action_items set title = ?, description = ? where id = ?")
                .params(title, description, id)
                .update();
    }

    public void decide(
            long id,
            Decision decision,
            Long by,
            Instant at,
            String reason,
            Long ownerId,
            Long teamId,
            LocalDate dueOn,
            LocalDate revisitOn) {
        jdbc.sql("update action_items set decision = ?, decided_by = ?, decided_at = ?, reason = ?, owner_id = ?,"
                        + " team_id = ?, due_on = ?, revisit_on = ? where id = ?")
                .params(decision.name(), by, db(at), reason, ownerId, teamId, dueOn, revisitOn, id)
                .update();
        jdbc.sql("insert into action_decisions (action_id, decision, decided_by, decided_at, reason, owner_id, due_on,"
                        + " revisit_on) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, decision.name(), by, db(at), reason, ownerId, dueOn, revisitOn)
                .update();
    }

    /** Owner, team and dates changed without a new decision. */
    public void assign(long id, Long ownerId, Long teamId, LocalDate dueOn, LocalDate revisitOn) {
        jdbc.sql("update action_items set owner_id = ?, team_id = ?, due_on = ?, revisit_on = ? where id = ?")
                .params(ownerId, teamId, dueOn, revisitOn, id)
                .update();
    }

    public void done(long id, Instant at, Long by) {
        jdbc.sql("update action_items set done_at = ?, done_by = ? where id = ?")
                .params(db(at), by, id)
                .update();
    }

    public List<DecisionRecord> decisions(long actionId) {
        return jdbc.sql("select * from action_decisions where action_id = ? order by id")
                .param(actionId)
                .query((rs, n) -> new DecisionRecord(
                        Decision.valueOf(rs.getString("decision")),
                        rs.getObject("decided_by", Long.class),
                        null,
                        Times.instant(rs, "decided_at"),
                        rs.getString("reason"),
                        rs.getObject("owner_id", Long.class),
                        rs.getObject("due_on", LocalDate.class),
                        rs.getObject("revisit_on", LocalDate.class)))
                .list();
    }

    // ---- sync -------------------------------------------------------------------------------

    /**
     * Queues the item for creation in a tracker: once (a linked item stays linked), and never while
     * an attempt is in flight.
     */
    public boolean queueSync(long id, String tracker, String target) {
        return jdbc.sql("update action_items set tracker = ?, tracker_target = ?, sync_state = ?, sync_error = null,"
                                + " sync_error_at = null where id = ? and external_key is null"
                                + " and (sync_state is null or sync_state in (?, ?))")
                        .params(tracker, target, PENDING, id, PENDING, FAILED)
                        .update()
                > 0;
    }

    /**
     * Claims the creation of the item's issue: sets the marker (Cairn's idempotency key for the item)
     * and the state in one statement, and only if nobody holds a live claim and no issue is linked.
     */
    public boolean claim(long id, String marker, Instant now, Instant until) {
        return jdbc.sql("update action_items set sync_state = :creating, sync_attempts = sync_attempts + 1,"
                                + " sync_marker = coalesce(sync_marker, :marker),"
                                + " sync_started_at = coalesce(sync_started_at, :now), claimed_until = :until"
                                + " where id = :id and external_key is null and (sync_state = :pending"
                                + " or (sync_state = :creating and (claimed_until is null or claimed_until < :now)))")
                        .param("creating", CREATING)
                        .param("pending", PENDING)
                        .param("marker", marker)
                        .param("now", db(now))
                        .param("until", db(until))
                        .param("id", id)
                        .update()
                > 0;
    }

    public void linked(long id, String key, String url, boolean open, Instant at) {
        jdbc.sql("update action_items set sync_state = ?, external_key = ?, external_url = ?, external_open = ?,"
                        + " synced_at = ?, claimed_until = null, sync_error = null, sync_error_at = null where id = ?")
                .params(LINKED, key, url, open, db(at), id)
                .update();
    }

    /** A failed attempt: back to pending (tried again) or failed (waits for an admin). */
    public void syncFailed(long id, boolean retry, String error, Instant at) {
        jdbc.sql("update action_items set sync_state = ?, sync_error = ?, sync_error_at = ?, claimed_until = null"
                        + " where id = ? and external_key is null")
                .params(retry ? PENDING : FAILED, truncate(error), db(at), id)
                .update();
    }

    /** A failed poll of a linked item: it stays linked, the error shows. */
    public void pollFailed(long id, String error, Instant at) {
        jdbc.sql("update action_items set sync_error = ?, sync_error_at = ?, synced_at = ? where id = ?")
                .params(truncate(error), db(at), db(at), id)
                .update();
    }

    public void polled(long id, boolean open, Instant at) {
        jdbc.sql("update action_items set external_open = ?, synced_at = ?, sync_error = null, sync_error_at = null"
                        + " where id = ?")
                .params(open, db(at), id)
                .update();
    }

    /** Linked items decided do in the given trackers, least recently synced first. */
    public List<ActionRow> dueForPoll(java.util.Collection<String> trackers, int limit) {
        if (trackers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from action_items where sync_state = :linked and decision = 'DO'"
                        + " and tracker in (:trackers) order by synced_at nulls first, id limit :limit")
                .param("linked", LINKED)
                .param("trackers", List.copyOf(trackers))
                .param("limit", limit)
                .query(ActionRow::map)
                .list();
    }

    public List<Long> failed() {
        return jdbc.sql("select id from action_items where sync_state = ? order by id")
                .param(FAILED)
                .query(Long.class)
                .list();
    }

    /** Items whose sync has an error now, newest first, for the admin page. */
    public List<ActionRow> withErrors(int limit) {
        return jdbc.sql("select * from action_items where sync_error is not null order by sync_error_at desc limit ?")
                .param(limit)
                .query(ActionRow::map)
                .list();
    }

    public Map<String, Integer> syncCounts() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select sync_state, count(*) as n from action_items where sync_state is not null group by sync_state")
                .query(rs -> {
                    counts.put(rs.getString("sync_state"), rs.getInt("n"));
                });
        return counts;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
