package dev.cairn.escalation.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.escalation.AdminAlert;
import dev.cairn.escalation.PageEvent;
import dev.cairn.escalation.PageStatus;
import dev.cairn.escalation.PageView;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pages, their history, one-time acknowledgement links and admin alerts. Every state change of a
 * page is a compare-and-set on its version (or status), so two nodes, a revived execution and a
 * person acknowledging at the same moment can never both win.
 */
@Repository
public class PageStore {

    private final JdbcClient jdbc;

    PageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(
            Long policyId,
            String policyName,
            Long alertGroupId,
            Long incidentId,
            String title,
            String details,
            Long createdBy,
            Instant now) {
        return Sql.insert(jdbc.sql("insert into pages (policy_id, policy_name, alert_group_id, incident_id, open_key,"
                        + " title, details, status, version, next_step, next_loop, next_at, created_by, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, 'TRIGGERED', 0, 0, 0, ?, ?, ?)")
                .params(
                        policyId,
                        policyName,
                        alertGroupId,
                        incidentId,
                        alertGroupId,
                        title,
                        details,
                        db(now),
                        createdBy,
                        db(now)));
    }

    public Optional<PageView> find(long id) {
        return jdbc.sql("select * from pages where id = ?")
                .param(id)
                .query(PageStore::page)
                .optional();
    }

    /** The page's version, read with a row lock so the step's decision holds until commit. */
    public Optional<Long> lockVersion(long id) {
        return jdbc.sql("select version from pages where id = ? for update")
                .param(id)
                .query(Long.class)
                .optional();
    }

    public long version(long id) {
        return jdbc.sql("select version from pages where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /**
     * The fence: moves a triggered page from {@code version} to the next step, or reports that
     * someone else already did (a duplicate or stale execution), acknowledged or resolved it.
     */
    public boolean advance(long id, long version, int nextStep, int nextLoop, Instant nextAt) {
        return jdbc.sql(
                                "update pages set version = version + 1, next_step = ?, next_loop = ?, next_at = ?,"
                                        + " steps_fired = steps_fired + 1 where id = ? and version = ? and status = 'TRIGGERED'")
                        .params(nextStep, nextLoop, nextAt == null ? null : db(nextAt), id, version)
                        .update()
                == 1;
    }

    public boolean acknowledge(long id, long userId, String via, Instant now) {
        return jdbc.sql("update pages set status = 'ACKNOWLEDGED', version = version + 1, next_at = null,"
                                + " acknowledged_at = ?, acknowledged_by = ?, acknowledged_via = ?"
                                + " where id = ? and status = 'TRIGGERED'")
                        .params(db(now), userId == 0 ? null : userId, via, id)
                        .update()
                == 1;
    }

    public boolean resolve(long id, String reason, Instant now) {
        return jdbc.sql("update pages set status = 'RESOLVED', version = version + 1, next_at = null, open_key = null,"
                                + " resolved_at = ?, resolved_reason = ? where id = ? and status <> 'RESOLVED'")
                        .params(db(now), reason, id)
                        .update()
                == 1;
    }

    public Optional<Long> openForAlertGroup(long alertGroupId) {
        return jdbc.sql("select id from pages where open_key = ?")
                .param(alertGroupId)
                .query(Long.class)
                .optional();
    }

    public List<Long> unresolvedForIncident(long incidentId) {
        return jdbc.sql("select id from pages where incident_id = ? and status <> 'RESOLVED'")
                .param(incidentId)
                .query(Long.class)
                .list();
    }

    public List<PageView> page(PageStatus status, Long incidentId, Long userId, long below, int limit) {
        StringBuilder sql = new StringBuilder("select * from pages p where p.id < ?");
        List<Object> params = new ArrayList<>(List.of(below));
        if (status != null) {
            sql.append(" and p.status = ?");
            params.add(status.name());
        }
        if (incidentId != null) {
            sql.append(" and p.incident_id = ?");
            params.add(incidentId);
        }
        if (userId != null) {
            sql.append(" and exists (select 1 from page_events e where e.page_id = p.id and e.kind = 'notified'"
                    + " and e.user_id = ?)");
            params.add(userId);
        }
        sql.append(" order by p.id desc limit ?");
        params.add(limit + 1);
        return jdbc.sql(sql.toString()).params(params).query(PageStore::page).list();
    }

    public java.util.Map<Long, PageView> latestForAlertGroups(java.util.Collection<Long> groupIds) {
        java.util.Map<Long, PageView> latest = new java.util.HashMap<>();
        String marks = String.join(",", java.util.Collections.nCopies(groupIds.size(), "?"));
        jdbc.sql("select * from pages where alert_group_id in (" + marks + ") order by id")
                .params(List.copyOf(groupIds))
                .query(PageStore::page)
                .list()
                .forEach(p -> latest.put(p.alertGroupId(), p));
        return latest;
    }

    public void event(long pageId, String kind, Long userId, String detail, Instant at) {
        jdbc.sql("insert into page_events (page_id, at, kind, user_id, detail) values (?, ?, ?, ?, ?)")
                .params(pageId, db(at), kind, userId, detail)
                .update();
    }

    public List<PageEvent> events(long pageId) {
        return jdbc.sql("select * from page_events where page_id = ? order by id")
                .param(pageId)
                .query((rs, n) -> new PageEvent(
                        rs.getLong("id"),
                        rs.getLong("page_id"),
                        Times.instant(rs, "at"),
                        rs.getString("kind"),
                        (Long) rs.getObject("user_id", Long.class),
                        rs.getString("detail")))
                .list();
    }

    // One-time acknowledgement links.

    public void insertLink(String nonce, long pageId, long userId, Instant now) {
        jdbc.sql("insert into page_ack_links (nonce, page_id, user_id, created_at) values (?, ?, ?, ?)")
                .params(nonce, pageId, userId, db(now))
                .update();
    }

    public record Link(String nonce, long pageId, long userId, Instant createdAt, Instant usedAt) {}

    public Optional<Link> link(String nonce) {
        return jdbc.sql("select * from page_ack_links where nonce = ?")
                .param(nonce)
                .query((rs, n) -> new Link(
                        rs.getString("nonce"),
                        rs.getLong("page_id"),
                        rs.getLong("user_id"),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "used_at")))
                .optional();
    }

    public boolean spend(String nonce, Instant now) {
        return jdbc.sql("update page_ack_links set used_at = ? where nonce = ? and used_at is null")
                        .params(db(now), nonce)
                        .update()
                == 1;
    }

    // The signing key, created once by whichever node asks first.

    public Optional<String> signingKey(String name) {
        return jdbc.sql("select secret from signing_keys where name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }

    public void offerSigningKey(String name, String secret, Instant now) {
        jdbc.sql("insert into signing_keys (name, secret, created_at) values (?, ?, ?) on conflict do nothing")
                .params(name, secret, db(now))
                .update();
    }

    // Admin alerts.

    public long raise(String kind, Long pageId, String message, Instant now) {
        return Sql.insert(jdbc.sql("insert into admin_alerts (kind, page_id, message, created_at) values (?, ?, ?, ?)")
                .params(kind, pageId, message, db(now)));
    }

    public List<AdminAlert> adminAlerts(boolean openOnly, int limit) {
        return jdbc.sql("select * from admin_alerts" + (openOnly ? " where cleared_at is null" : "")
                        + " order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new AdminAlert(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        (Long) rs.getObject("page_id", Long.class),
                        rs.getString("message"),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "cleared_at")))
                .list();
    }

    public boolean clearAdminAlert(long id, long by, Instant now) {
        return jdbc.sql("update admin_alerts set cleared_at = ?, cleared_by = ? where id = ? and cleared_at is null")
                        .params(db(now), by == 0 ? null : by, id)
                        .update()
                == 1;
    }

    private static PageView page(ResultSet rs, int n) throws SQLException {
        return new PageView(
                rs.getLong("id"),
                (Long) rs.getObject("policy_id", Long.class),
                rs.getString("policy_name"),
                (Long) rs.getObject("alert_group_id", Long.class),
                (Long) rs.getObject("incident_id", Long.class),
                rs.getString("title"),
                rs.getString("details"),
                PageStatus.valueOf(rs.getString("status")),
                rs.getInt("steps_fired"),
                rs.getInt("next_step"),
                rs.getInt("next_loop"),
                Times.instant(rs, "next_at"),
                Times.instant(rs, "created_at"),
                Times.instant(rs, "acknowledged_at"),
                (Long) rs.getObject("acknowledged_by", Long.class),
                rs.getString("acknowledged_via"),
                Times.instant(rs, "resolved_at"),
                rs.getString("resolved_reason"));
    }
}
