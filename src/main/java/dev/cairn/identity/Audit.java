package dev.cairn.identity;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.CursorPage;
import dev.cairn.shared.Times;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log: every write in Cairn records who did it, what, when and from where. Entries are
 * written in the caller's transaction, so a rolled-back change leaves no entry behind.
 */
@Service
public class Audit {

    private final JdbcClient jdbc;
    private final Clock clock;

    Audit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Actor actor, String action, String targetType, Object targetId, String detail) {
        jdbc.sql("insert into audit_log (occurred_at, actor_id, actor, action, target_type, target_id, detail,"
                        + " remote_addr) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        db(clock.instant()),
                        actor.isSystem() ? null : actor.userId(),
                        actor.scope() == null ? actor.email() : actor.email() + " (API token)",
                        action,
                        targetType,
                        targetId == null ? null : String.valueOf(targetId),
                        truncate(detail == null ? "" : detail),
                        remoteAddress())
                .update();
    }

    public CursorPage<AuditEntry> page(Actor reader, Filter filter, String cursor, int limit) {
        Actors.requireAdminRead(reader);
        StringBuilder sql = new StringBuilder("select * from audit_log where id < :cursor");
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null && !filter.actor().isBlank()) {
            conditions.add("lower(actor) like :actor");
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            conditions.add("action like :action");
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= :from");
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < :to");
        }
        conditions.forEach(c -> sql.append(" and ").append(c));
        sql.append(" order by id desc limit :limit");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString())
                .param("cursor", CursorPage.decode(cursor))
                .param("limit", limit + 1);
        if (filter.actor() != null && !filter.actor().isBlank()) {
            spec = spec.param("actor", "%" + filter.actor().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            spec = spec.param("action", filter.action() + "%");
        }
        if (filter.from() != null) {
            spec = spec.param("from", db(filter.from()));
        }
        if (filter.to() != null) {
            spec = spec.param("to", db(filter.to()));
        }
        List<AuditEntry> rows = spec.query((rs, n) -> new AuditEntry(
                        rs.getLong("id"),
                        Times.instant(rs, "occurred_at"),
                        (Long) rs.getObject("actor_id", Long.class),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target_type"),
                        rs.getString("target_id"),
                        rs.getString("detail"),
                        rs.getString("remote_addr")))
                .list();
        return CursorPage.of(rows, limit, AuditEntry::id);
    }

    /** Filters on the audit log; any may be null. */
    public record Filter(String actor, String action, Instant from, Instant to) {}

    private static String truncate(String detail) {
        return detail.length() > 4000 ? detail.substring(0, 3997) + "..." : detail;
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
