package dev.cairn.incident.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident.RoleHolder;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Milestone;
import dev.cairn.incident.Participant;
import dev.cairn.incident.Severity;
import dev.cairn.shared.DatabaseDialect;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident tables, in SQL. Knows nothing of rules: {@code Incidents} decides, this stores. */
@Repository
public class IncidentStore {

    private final JdbcClient jdbc;

    private final String lockClause;

    IncidentStore(JdbcClient jdbc, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        this.lockClause = dialect.postgres() ? " for no key update" : " for update";
    }

    /** A bare incident row, before services and roles are attached. */
    public record Row(
            long id,
            String title,
            String summary,
            String severity,
            IncidentStatus status,
            IncidentType type,
            Long createdBy,
            Map<Milestone, Instant> times,
            Instant closedAt,
            Instant updatedAt) {

        public Row withTitle(String title) {
            return new Row(id, title, summary, severity, status, type, createdBy, times, closedAt, updatedAt);
        }

        public Row withSummary(String summary) {
            return new Row(id, title, summary, severity, status, type, createdBy, times, closedAt, updatedAt);
        }

        public Row withSeverity(String severity) {
            return new Row(id, title, summary, severity, status, type, createdBy, times, closedAt, updatedAt);
        }

        public Row withType(IncidentType type) {
            return new Row(id, title, summary, severity, status, type, createdBy, times, closedAt, updatedAt);
        }

        public Row withTimes(Map<Milestone, Instant> times) {
            return new Row(id, title, summary, severity, status, type, createdBy, times, closedAt, updatedAt);
        }

        public Row withStatus(IncidentStatus status, Map<Milestone, Instant> times, Instant closedAt) {
            return new Row(id, title, summary, severity, status, type, createdBy, times, closedAt, updatedAt);
        }
    }

    public long insert(
            String title,
            String summary,
            String severity,
            IncidentType type,
            long createdBy,
            Map<Milestone, Instant> times,
            Instant now) {
        return Sql.insert(jdbc.sql(
                        "insert into incidents (title, summary, severity, status, type, created_by,"
                                + " impact_started_at, detected_at, declared_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        title,
                        summary,
                        severity,
                        IncidentStatus.INVESTIGATING.name(),
                        type.name(),
                        createdBy == 0 ? null : createdBy,
                        db(times.get(Milestone.IMPACT_STARTED)),
                        db(times.get(Milestone.DETECTED)),
                        db(times.get(Milestone.DECLARED)),
                        db(now)));
    }

    /**
     * Locks the row for the rest of the transaction: changes to one incident are serialised. On
     * PostgreSQL the lock is {@code FOR NO KEY UPDATE}, which still lets other transactions insert
     * rows that reference the incident (a timeline entry's foreign key takes a key-share lock). A
     * plain {@code FOR UPDATE} made a status change and a background job deadlock: the job held its
     * own row (a reminder's fence, a nudge watch) and waited to insert a timeline entry, while the
     * status change held the incident and waited for the job's row.
     */
    public Optional<Row> lock(long id) {
        return jdbc.sql("select * from incidents where id = ?" + lockClause)
                .param(id)
                .query(IncidentStore::row)
                .optional();
    }

    public Optional<Row> row(long id) {
        return jdbc.sql("select * from incidents where id = ?")
                .param(id)
                .query(IncidentStore::row)
                .optional();
    }

    /** The rows of the given incidents, in no particular order; missing ids are left out. */
    public List<Row> rows(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from incidents where id in (:ids)")
                .param("ids", ids)
                .query(IncidentStore::row)
                .list();
    }

    public void update(Row row, Instant now) {
        jdbc.sql("update incidents set title = ?, summary = ?, severity = ?, status = ?, type = ?,"
                        + " impact_started_at = ?, detected_at = ?, declared_at = ?, acknowledged_at = ?,"
                        + " mitigated_at = ?, resolved_at = ?, closed_at = ?, updated_at = ?, version = version + 1"
                        + " where id = ?")
                .params(
                        row.title(),
                        row.summary(),
                        row.severity(),
                        row.status().name(),
                        row.type().name(),
                        db(row.times().get(Milestone.IMPACT_STARTED)),
                        db(row.times().get(Milestone.DETECTED)),
                        db(row.times().get(Milestone.DECLARED)),
                        db(row.times().get(Milestone.ACKNOWLEDGED)),
                        db(row.times().get(Milestone.MITIGATED)),
                        db(row.times().get(Milestone.RESOLVED)),
                        db(row.closedAt()),
                        db(now),
                        row.id())
                .update();
    }

    public void touch(long id, Instant now) {
        jdbc.sql("update incidents set updated_at = ?, version = version + 1 where id = ?")
                .params(db(now), id)
                .update();
    }

    public List<Long> serviceIds(long incidentId) {
        return jdbc.sql("select service_id from incident_services where incident_id = ? order by service_id")
                .param(incidentId)
                .query(Long.class)
                .list();
    }

    public Map<Long, List<Long>> serviceIds(Collection<Long> incidentIds) {
        Map<Long, List<Long>> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        jdbc.sql(
                        "select incident_id, service_id from incident_services where incident_id in (:ids) order by service_id")
                .param("ids", incidentIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getLong(2));
                });
        return result;
    }

    public void replaceServices(long incidentId, Collection<Long> serviceIds) {
        jdbc.sql("delete from incident_services where incident_id = ?")
                .param(incidentId)
                .update();
        for (Long serviceId : serviceIds) {
            jdbc.sql("insert into incident_services (incident_id, service_id) values (?, ?)")
                    .params(incidentId, serviceId)
                    .update();
        }
    }

    /** Role rows of the given incidents, without names: the caller resolves people. */
    public Map<Long, List<RoleRow>> roles(Collection<Long> incidentIds) {
        Map<Long, List<RoleRow>> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select incident_id, role, user_id, assigned_at from incident_roles where incident_id in (:ids)"
                        + " order by assigned_at, user_id")
                .param("ids", incidentIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new RoleRow(
                                    IncidentRole.valueOf(rs.getString(2)),
                                    rs.getLong(3),
                                    Times.instant(rs, "assigned_at")));
                });
        return result;
    }

    public record RoleRow(IncidentRole role, long userId, Instant assignedAt) {}

    public void assignRole(long incidentId, IncidentRole role, long userId, Instant now) {
        jdbc.sql("insert into incident_roles (incident_id, role, user_id, assigned_at) values (?, ?, ?, ?)")
                .params(incidentId, role.name(), userId, db(now))
                .update();
    }

    public int unassignRole(long incidentId, IncidentRole role, long userId) {
        return jdbc.sql("delete from incident_roles where incident_id = ? and role = ? and user_id = ?")
                .params(incidentId, role.name(), userId)
                .update();
    }

    /** Opens a stay in the room unless one is open; true when the person was not present. */
    public boolean join(long incidentId, long userId, String reason, Instant now) {
        return jdbc.sql("insert into incident_participants (incident_id, user_id, joined_at, reason, open_key)"
                                + " values (?, ?, ?, ?, ?) on conflict do nothing")
                        .params(incidentId, userId, db(now), reason, incidentId + ":" + userId)
                        .update()
                == 1;
    }

    public boolean leave(long incidentId, long userId, Instant now) {
        return jdbc.sql("update incident_participants set left_at = ?, open_key = null where open_key = ?")
                        .params(db(now), incidentId + ":" + userId)
                        .update()
                == 1;
    }

    public List<ParticipantRow> participants(long incidentId) {
        return jdbc.sql("select user_id, joined_at, left_at, reason from incident_participants where incident_id = ?"
                        + " order by joined_at, id")
                .param(incidentId)
                .query((rs, n) -> new ParticipantRow(
                        rs.getLong(1), Times.instant(rs, "joined_at"), Times.instant(rs, "left_at"), rs.getString(4)))
                .list();
    }

    public record ParticipantRow(long userId, Instant joinedAt, Instant leftAt, String reason) {
        public Participant named(String name) {
            return new Participant(userId, name, joinedAt, leftAt, reason);
        }
    }

    /** Members of a private incident: its creator, anyone who ever took part or held a role. */
    public boolean isMember(long incidentId, long userId) {
        return jdbc.sql(
                                "select count(*) from incidents i where i.id = :id and (i.created_by = :user"
                                        + " or exists (select 1 from incident_participants p where p.incident_id = i.id and p.user_id = :user)"
                                        + " or exists (select 1 from incident_roles r where r.incident_id = i.id and r.user_id = :user))")
                        .param("id", incidentId)
                        .param("user", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Which of {@code ids} the actor may see: all for admins, private ones only for their members. */
    public Set<Long> visibleAmong(java.util.Collection<Long> ids, Actor actor) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        StringBuilder sql = new StringBuilder("select i.id from incidents i where i.id in (:ids)");
        Map<String, Object> params = new HashMap<>();
        params.put("ids", List.copyOf(ids));
        if (!actor.isAdmin()) {
            sql.append(" and (i.type <> 'PRIVATE' or i.created_by = :user"
                    + " or exists (select 1 from incident_participants p where p.incident_id = i.id and p.user_id = :user)"
                    + " or exists (select 1 from incident_roles r where r.incident_id = i.id and r.user_id = :user))");
            params.put("user", actor.userId());
        }
        return Set.copyOf(
                jdbc.sql(sql.toString()).params(params).query(Long.class).list());
    }

    /** One page of incidents the actor may see, newest first. */
    public List<Row> page(IncidentFilter filter, Set<Long> textMatches, long before, int limit, Actor actor) {
        StringBuilder sql = new StringBuilder("select * from incidents i where i.id < :before");
        Map<String, Object> params = new HashMap<>();
        params.put("before", before);
        if (!actor.isAdmin()) {
            sql.append(" and (i.type <> 'PRIVATE' or i.created_by = :user"
                    + " or exists (select 1 from incident_participants p where p.incident_id = i.id and p.user_id = :user)"
                    + " or exists (select 1 from incident_roles r where r.incident_id = i.id and r.user_id = :user))");
            params.put("user", actor.userId());
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" and i.status in (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.severities().isEmpty()) {
            sql.append(" and i.severity in (:severities)");
            params.put("severities", List.copyOf(filter.severities()));
        }
        if (!filter.types().isEmpty()) {
            sql.append(" and i.type in (:types)");
            params.put("types", filter.types().stream().map(Enum::name).toList());
        }
        if (filter.serviceId() != null) {
            sql.append(
                    " and exists (select 1 from incident_services s where s.incident_id = i.id and s.service_id = :service)");
            params.put("service", filter.serviceId());
        }
        if (filter.from() != null) {
            sql.append(" and i.declared_at >= :from");
            params.put("from", db(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and i.declared_at < :to");
            params.put("to", db(filter.to()));
        }
        if (filter.query() != null) {
            sql.append(" and (lower(i.title) like :like or lower(i.summary) like :like");
            params.put(
                    "like",
                    "%" + filter.query().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%") + "%");
            Long referenced = referencedId(filter.query());
            if (referenced != null) {
                sql.append(" or i.id = :ref");
                params.put("ref", referenced);
            }
            if (!textMatches.isEmpty()) {
                sql.append(" or i.id in (:matches)");
                params.put("matches", List.copyOf(textMatches));
            }
            sql.append(")");
        }
        sql.append(" order by i.id desc limit :limit");
        params.put("limit", limit + 1);
        return jdbc.sql(sql.toString()).params(params).query(IncidentStore::row).list();
    }

    private static Long referencedId(String query) {
        String q = query.strip().toUpperCase(java.util.Locale.ROOT);
        if (q.startsWith("INC-")) {
            q = q.substring(4);
        }
        try {
            return Long.parseLong(q);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void describeSeverity(String code, String name, String description) {
        jdbc.sql("update severities set name = ?, description = ? where code = ?")
                .params(name, description, code)
                .update();
    }

    public List<Severity> severities() {
        return jdbc.sql("select code, rank, name, description from severities order by rank")
                .query(Severity.class)
                .list();
    }

    public static RoleHolder holder(RoleRow row, String name) {
        return new RoleHolder(row.role(), row.userId(), name, row.assignedAt());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Map<Milestone, Instant> times = new java.util.EnumMap<>(Milestone.class);
        for (Milestone milestone : Milestone.values()) {
            Instant value = Times.instant(rs, milestone.column());
            if (value != null) {
                times.put(milestone, value);
            }
        }
        return new Row(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("severity"),
                IncidentStatus.valueOf(rs.getString("status")),
                IncidentType.valueOf(rs.getString("type")),
                (Long) rs.getObject("created_by", Long.class),
                times,
                Times.instant(rs, "closed_at"),
                Times.instant(rs, "updated_at"));
    }
}
