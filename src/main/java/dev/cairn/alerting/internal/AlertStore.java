package dev.cairn.alerting.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.alerting.AlertEvent;
import dev.cairn.alerting.AlertGroupView;
import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.IntegrationKind;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The alerting tables, in SQL. The dedup rule lives in the unique index on {@code open_key}. */
@Repository
public class AlertStore {

    static final int KEEP_REJECTED = 100;

    private static final Duration FLAP_WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- integrations -------------------------------------------------------------------------

    public long insertIntegration(
            String name,
            IntegrationKind kind,
            String tokenHash,
            String hint,
            Long serviceId,
            GenericMapping mapping,
            Long createdBy,
            Instant now) {
        return Sql.insert(jdbc.sql("insert into integrations (name, kind, token_hash, token_hint, service_id, mapping,"
                        + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        name,
                        kind.name(),
                        tokenHash,
                        hint,
                        serviceId,
                        mapping == null ? null : Payloads.JSON.writeValueAsString(mapping),
                        createdBy,
                        db(now)));
    }

    public Optional<IntegrationView> integrationByToken(String tokenHash) {
        return jdbc.sql("select * from integrations where token_hash = ? and active = true")
                .param(tokenHash)
                .query(AlertStore::integration)
                .optional();
    }

    public Optional<IntegrationView> integration(long id) {
        return jdbc.sql("select * from integrations where id = ?")
                .param(id)
                .query(AlertStore::integration)
                .optional();
    }

    public List<IntegrationView> integrations(long before, int limit) {
        return jdbc.sql("select * from integrations where id < ? order by id desc limit ?")
                .params(before, limit)
                .query(AlertStore::integration)
                .list();
    }

    public void rotate(long id, String tokenHash, String hint, Instant now) {
        jdbc.sql("update integrations set token_hash = ?, token_hint = ?, rotated_at = ? where id = ?")
                .params(tokenHash, hint, db(now), id)
                .update();
    }

    public void setActive(long id, boolean active) {
        jdbc.sql("update integrations set active = ? where id = ?")
                .params(active, id)
                .update();
    }

    // ---- groups ---------------------------------------------------------------------------------

    /**
     * A firing alert: counts a repeat on the open group of its key, or opens one. Insert-then-update
     * with ON CONFLICT DO NOTHING is safe under concurrency on PostgreSQL and H2 alike (MERGE is not):
     * whoever loses the race on the unique index finds the winner's group and counts on it.
     */
    /** The group a firing alert landed in, and whether this alert opened it. */
    public record Landing(long groupId, boolean opened) {}

    public Landing trigger(long integrationId, AlertEvent event, Instant now) {
        String openKey = integrationId + ":" + event.dedupKey();
        for (int attempt = 0; attempt < 5; attempt++) {
            boolean opened = false;
            int repeated = jdbc.sql("update alert_groups set count = count + 1, last_seen = ?, title = ?,"
                            + " severity = coalesce(?, severity), source = coalesce(?, source),"
                            + " details = coalesce(?, details) where open_key = ?")
                    .params(db(now), event.title(), event.severity(), event.source(), event.details(), openKey)
                    .update();
            if (repeated == 0) {
                int flaps = jdbc.sql("select count(*) from alert_groups where integration_id = ? and dedup_key = ?"
                                + " and first_seen > ?")
                        .params(integrationId, event.dedupKey(), db(now.minus(FLAP_WINDOW)))
                        .query(Integer.class)
                        .single();
                repeated = jdbc.sql("insert into alert_groups (integration_id, dedup_key, open_key, status, title,"
                                + " severity, source, details, fields, count, flaps, first_seen, last_seen)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) on conflict do nothing")
                        .params(
                                integrationId,
                                event.dedupKey(),
                                openKey,
                                AlertGroupView.FIRING,
                                event.title(),
                                event.severity(),
                                event.source(),
                                event.details(),
                                fieldsJson(event),
                                flaps,
                                db(now),
                                db(now))
                        .update();
                opened = repeated == 1;
            }
            if (repeated == 1) {
                Optional<Long> id = openGroup(openKey);
                if (id.isPresent()) {
                    return new Landing(id.get(), opened);
                }
            }
        }
        throw new IllegalStateException("alert group for " + openKey + " did not settle");
    }

    /** Closes the open group of the key; a resolve for a key never seen firing is kept as a resolved group. */
    public long resolve(long integrationId, AlertEvent event, Instant now) {
        String openKey = integrationId + ":" + event.dedupKey();
        Optional<Long> open = jdbc.sql("select id from alert_groups where open_key = ? for update")
                .param(openKey)
                .query(Long.class)
                .optional();
        if (open.isPresent()) {
            jdbc.sql("update alert_groups set status = ?, open_key = null, resolved_at = ?, last_seen = ? where id = ?")
                    .params(AlertGroupView.RESOLVED, db(now), db(now), open.get())
                    .update();
            return open.get();
        }
        return Sql.insert(jdbc.sql(
                        "insert into alert_groups (integration_id, dedup_key, status, title, severity, source,"
                                + " details, count, first_seen, last_seen, resolved_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")
                .params(
                        integrationId,
                        event.dedupKey(),
                        AlertGroupView.RESOLVED,
                        event.title(),
                        event.severity(),
                        event.source(),
                        event.details(),
                        db(now),
                        db(now),
                        db(now)));
    }

    /**
     * A group that belongs to the past, written resolved with its own times. Its flaps are counted
     * as a live trigger counts them: the groups of the same key first seen within a day before it.
     */
    public long insertHistorical(
            long integrationId,
            AlertEvent event,
            int count,
            Instant firstSeen,
            Instant lastSeen,
            Instant acknowledgedAt,
            Instant resolvedAt,
            Long serviceId,
            Long incidentId,
            Long ruleId) {
        int flaps = jdbc.sql("select count(*) from alert_groups where integration_id = ? and dedup_key = ?"
                        + " and first_seen > ? and first_seen < ?")
                .params(integrationId, event.dedupKey(), db(firstSeen.minus(FLAP_WINDOW)), db(firstSeen))
                .query(Integer.class)
                .single();
        return Sql.insert(jdbc.sql(
                        "insert into alert_groups (integration_id, dedup_key, status, title, severity, source,"
                                + " details, fields, count, flaps, first_seen, last_seen, acknowledged_at, resolved_at,"
                                + " service_id, incident_id, rule_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        integrationId,
                        event.dedupKey(),
                        AlertGroupView.RESOLVED,
                        event.title(),
                        event.severity(),
                        event.source(),
                        event.details(),
                        fieldsJson(event),
                        count,
                        flaps,
                        db(firstSeen),
                        db(lastSeen),
                        db(acknowledgedAt),
                        db(resolvedAt),
                        serviceId,
                        incidentId,
                        ruleId));
    }

    /** Marks the open group of the key acknowledged; empty when there is none (nothing to do). */
    public Optional<Long> acknowledge(long integrationId, AlertEvent event, Instant now) {
        String openKey = integrationId + ":" + event.dedupKey();
        jdbc.sql(
                        "update alert_groups set acknowledged_at = coalesce(acknowledged_at, ?), last_seen = ? where open_key = ?")
                .params(db(now), db(now), openKey)
                .update();
        return openGroup(openKey);
    }

    public void markAcknowledged(long groupId, Instant at) {
        jdbc.sql("update alert_groups set acknowledged_at = coalesce(acknowledged_at, ?) where id = ?")
                .params(db(at), groupId)
                .update();
    }

    private static String fieldsJson(AlertEvent event) {
        String json = Payloads.JSON.writeValueAsString(event.fields());
        return json.length() > 8000 ? null : json;
    }

    /** Where routing sent a new group: its service, the incident it declared or joined, the rule. */
    public void route(long groupId, Long serviceId, Long incidentId, Long ruleId) {
        jdbc.sql("update alert_groups set service_id = ?, incident_id = ?, rule_id = ? where id = ?")
                .params(serviceId, incidentId, ruleId, groupId)
                .update();
    }

    private Optional<Long> openGroup(String openKey) {
        return jdbc.sql("select id from alert_groups where open_key = ?")
                .param(openKey)
                .query(Long.class)
                .optional();
    }

    public void insertAlert(Long groupId, long integrationId, AlertEvent.Action action, String raw, Instant now) {
        jdbc.sql("insert into alerts (group_id, integration_id, action, received_at, payload) values (?, ?, ?, ?, ?)")
                .params(groupId, integrationId, action.name().toLowerCase(java.util.Locale.ROOT), db(now), raw)
                .update();
    }

    /** A past group's alert events, in one statement: each firing with its payload, then the resolve. */
    public void insertHistoricalAlerts(
            long groupId, long integrationId, List<Instant> fired, String raw, Instant resolvedAt, String resolvedRaw) {
        StringBuilder sql = new StringBuilder(
                "insert into alerts (group_id, integration_id, action, received_at, payload) values ");
        List<Object> params = new java.util.ArrayList<>();
        for (Instant at : fired) {
            sql.append("(?, ?, 'trigger', ?, ?), ");
            params.addAll(java.util.Arrays.asList(groupId, integrationId, db(at), raw));
        }
        sql.append("(?, ?, 'resolve', ?, ?)");
        params.addAll(java.util.Arrays.asList(groupId, integrationId, db(resolvedAt), resolvedRaw));
        jdbc.sql(sql.toString()).params(params).update();
    }

    public Optional<AlertGroupView> group(long id) {
        return jdbc.sql("select * from alert_groups where id = ?")
                .param(id)
                .query(AlertStore::group)
                .optional();
    }

    public List<AlertGroupView> groups(
            String status, Long integrationId, Long serviceId, Long incidentId, long before, int limit) {
        StringBuilder sql = new StringBuilder("select * from alert_groups where id < :before");
        Map<String, Object> params = new HashMap<>();
        params.put("before", before);
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status);
        }
        if (integrationId != null) {
            sql.append(" and integration_id = :integration");
            params.put("integration", integrationId);
        }
        if (serviceId != null) {
            sql.append(" and service_id = :service");
            params.put("service", serviceId);
        }
        if (incidentId != null) {
            sql.append(" and incident_id = :incident");
            params.put("incident", incidentId);
        }
        sql.append(" order by id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(AlertStore::group).list();
    }

    /** What a group is counted by on a service's or an incident's page. */
    public enum Owner {
        SERVICE("service_id"),
        INCIDENT("incident_id");

        private final String column;

        Owner(String column) {
            this.column = column;
        }
    }

    /** The groups of one service or incident, the most recently seen first (on their own index). */
    public List<AlertGroupView> recentGroups(Owner owner, long id, int limit) {
        return jdbc.sql("select * from alert_groups where " + owner.column + " = ? order by last_seen desc, id desc"
                        + " limit ?")
                .params(id, limit)
                .query(AlertStore::group)
                .list();
    }

    /** How many groups of one service or incident there are, by status. */
    public Map<String, Integer> groupCounts(Owner owner, long id) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select status, count(*) from alert_groups where " + owner.column + " = ? group by status")
                .param(id)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    public int alertCount(long groupId) {
        return jdbc.sql("select count(*) from alerts where group_id = ?")
                .param(groupId)
                .query(Integer.class)
                .single();
    }

    // ---- refused payloads -----------------------------------------------------------------------

    /** Keeps a refused payload, and only the newest {@value #KEEP_REJECTED} per integration. */
    public void reject(long integrationId, String reason, String body, Instant now) {
        jdbc.sql("insert into rejected_payloads (integration_id, received_at, reason, body) values (?, ?, ?, ?)")
                .params(
                        integrationId,
                        db(now),
                        reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                        body.length() > 65536 ? body.substring(0, 65536) : body)
                .update();
        jdbc.sql("delete from rejected_payloads where integration_id = ? and id < (select min(id) from (select id from"
                        + " rejected_payloads where integration_id = ? order by id desc limit " + KEEP_REJECTED
                        + ") newest)")
                .params(integrationId, integrationId)
                .update();
    }

    public record Rejected(long id, Instant receivedAt, String reason, String body) {}

    public List<Rejected> rejected(long integrationId, int limit) {
        return jdbc.sql("select id, received_at, reason, body from rejected_payloads where integration_id = ?"
                        + " order by id desc limit ?")
                .params(integrationId, limit)
                .query((rs, n) ->
                        new Rejected(rs.getLong(1), Times.instant(rs, "received_at"), rs.getString(3), rs.getString(4)))
                .list();
    }

    private static IntegrationView integration(ResultSet rs, int n) throws SQLException {
        String mapping = rs.getString("mapping");
        return new IntegrationView(
                rs.getLong("id"),
                rs.getString("name"),
                IntegrationKind.valueOf(rs.getString("kind")),
                (Long) rs.getObject("service_id", Long.class),
                rs.getString("token_hint"),
                mapping == null ? null : Payloads.JSON.readValue(mapping, GenericMapping.class),
                Times.instant(rs, "created_at"),
                Times.instant(rs, "rotated_at"),
                rs.getBoolean("active"));
    }

    private static AlertGroupView group(ResultSet rs, int n) throws SQLException {
        return new AlertGroupView(
                rs.getLong("id"),
                rs.getLong("integration_id"),
                rs.getString("dedup_key"),
                rs.getString("status"),
                rs.getString("title"),
                rs.getString("severity"),
                rs.getString("source"),
                rs.getInt("count"),
                rs.getInt("flaps"),
                Times.instant(rs, "first_seen"),
                Times.instant(rs, "last_seen"),
                Times.instant(rs, "acknowledged_at"),
                Times.instant(rs, "resolved_at"),
                (Long) rs.getObject("service_id", Long.class),
                (Long) rs.getObject("incident_id", Long.class),
                (Long) rs.getObject("rule_id", Long.class));
    }
}
