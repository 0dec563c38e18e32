package dev.cairn.comms.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.comms.SentUpdate;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sent updates, when each audience is next due one, and the reminder fence of each incident. */
@Repository
public class UpdateStore {

    private final JdbcClient jdbc;

    UpdateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When an audience of an incident is next due an update, and whether it was reminded. */
    public record Due(long incidentId, long audienceId, Instant dueAt, Instant remindedAt) {}

    public long insert(SentUpdate u) {
        return Sql.insert(jdbc.sql("insert into audience_updates (incident_id, audience_id, audience_name, subject,"
                        + " body, impact, actions, workaround, next_update_at, recipients, drill, sent_by, sent_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        u.incidentId(),
                        u.audienceId(),
                        u.audienceName(),
                        u.subject(),
                        u.body(),
                        u.impact(),
                        u.actions(),
                        u.workaround(),
                        u.nextUpdateAt() == null ? null : db(u.nextUpdateAt()),
                        u.recipients(),
                        u.drill(),
                        u.sentBy(),
                        db(u.sentAt())));
    }

    public List<SentUpdate> ofIncident(long incidentId, long beforeId, int limit) {
        return jdbc.sql("select * from audience_updates where incident_id = ? and id < ? order by id desc limit ?")
                .params(incidentId, beforeId, limit)
                .query(UpdateStore::update)
                .list();
    }

    /** The latest update sent to each audience of the incident, by audience id. */
    public Map<Long, SentUpdate> latestPerAudience(long incidentId) {
        Map<Long, SentUpdate> latest = new LinkedHashMap<>();
        jdbc.sql("select * from audience_updates where incident_id = ? and audience_id is not null order by id")
                .param(incidentId)
                .query(UpdateStore::update)
                .list()
                .forEach(u -> latest.put(u.audienceId(), u));
        return latest;
    }

    public Optional<SentUpdate> find(long id) {
        return jdbc.sql("select * from audience_updates where id = ?")
                .param(id)
                .query(UpdateStore::update)
                .optional();
    }

    // ---- dues and the reminder fence -------------------------------------------------------

    public List<Due> dues(long incidentId) {
        return jdbc.sql("select * from update_dues where incident_id = ? order by due_at, audience_id")
                .param(incidentId)
                .query((rs, n) -> new Due(
                        rs.getLong("incident_id"),
                        rs.getLong("audience_id"),
                        Times.instant(rs, "due_at"),
                        Times.instant(rs, "reminded_at")))
                .list();
    }

    /** Sets when an audience is due; a new due moment clears the reminder of the old one. */
    public void setDue(long incidentId, long audienceId, Instant dueAt) {
        int changed = jdbc.sql("update update_dues set reminded_at = case when due_at = ? then reminded_at end,"
                        + " due_at = ? where incident_id = ? and audience_id = ?")
                .params(db(dueAt), db(dueAt), incidentId, audienceId)
                .update();
        if (changed == 0) {
            jdbc.sql("insert into update_dues (incident_id, audience_id, due_at) values (?, ?, ?)")
                    .params(incidentId, audienceId, db(dueAt))
                    .update();
        }
    }

    public void clearDue(long incidentId, long audienceId) {
        jdbc.sql("delete from update_dues where incident_id = ? and audience_id = ?")
                .params(incidentId, audienceId)
                .update();
    }

    public void clearDues(long incidentId) {
        jdbc.sql("delete from update_dues where incident_id = ?")
                .param(incidentId)
                .update();
    }

    public void markReminded(long incidentId, List<Long> audienceIds, Instant at) {
        for (long audienceId : audienceIds) {
            jdbc.sql("update update_dues set reminded_at = ? where incident_id = ? and audience_id = ?")
                    .params(db(at), incidentId, audienceId)
                    .update();
        }
    }

    /** Moves the incident's reminder fence on and answers the new version (pending executions go stale). */
    public long bumpFence(long incidentId) {
        jdbc.sql("insert into update_reminders (incident_id, version) values (?, 0) on conflict do nothing")
                .param(incidentId)
                .update();
        jdbc.sql("update update_reminders set version = version + 1 where incident_id = ?")
                .param(incidentId)
                .update();
        return jdbc.sql("select version from update_reminders where incident_id = ?")
                .param(incidentId)
                .query(Long.class)
                .single();
    }

    /**
     * Claims the reminder of {@code version}: true for exactly one caller, and only while no newer
     * arming happened. The row lock it takes serialises racing nodes until the claimer commits.
     */
    public boolean claim(long incidentId, long version) {
        return jdbc.sql("update update_reminders set version = version + 1 where incident_id = ? and version = ?")
                        .params(incidentId, version)
                        .update()
                == 1;
    }

    private static SentUpdate update(ResultSet rs, int n) throws SQLException {
        return new SentUpdate(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                (Long) rs.getObject("audience_id", Long.class),
                rs.getString("audience_name"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("impact"),
                rs.getString("actions"),
                rs.getString("workaround"),
                Times.instant(rs, "next_update_at"),
                rs.getInt("recipients"),
                rs.getBoolean("drill"),
                (Long) rs.getObject("sent_by", Long.class),
                null,
                Times.instant(rs, "sent_at"));
    }
}
