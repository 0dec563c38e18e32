package dev.cairn.guidance.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.guidance.Nudge;
import dev.cairn.incident.IncidentRole;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Drift watches (one per incident, version-fenced), the nudges they raised and role cards sent. */
@Repository
public class NudgeStore {

    private final JdbcClient jdbc;

    NudgeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The watch's state, locked for this transaction. */
    public record Watch(long incidentId, long version, Instant commanderLostAt) {}

    /** Starts watching (version 0) or, for a watch that exists, moves it to a new version; answers it. */
    public long restart(long incidentId) {
        int changed = jdbc.sql("update guidance_watches set version = version + 1 where incident_id = ?")
                .param(incidentId)
                .update();
        if (changed == 0) {
            jdbc.sql("insert into guidance_watches (incident_id, version) values (?, 0) on conflict do nothing")
                    .param(incidentId)
                    .update();
        }
        return lock(incidentId).map(Watch::version).orElseThrow();
    }

    public Optional<Watch> lock(long incidentId) {
        return jdbc.sql("select * from guidance_watches where incident_id = ? for update")
                .param(incidentId)
                .query((rs, n) -> new Watch(
                        rs.getLong("incident_id"), rs.getLong("version"), Times.instant(rs, "commander_lost_at")))
                .optional();
    }

    /** Compare-and-set: true when the watch had {@code version} and now has the next one. */
    public boolean advance(long incidentId, long version) {
        return jdbc.sql("update guidance_watches set version = version + 1 where incident_id = ? and version = ?")
                        .params(incidentId, version)
                        .update()
                > 0;
    }

    public Instant commanderLostAt(long incidentId) {
        return jdbc.sql("select commander_lost_at from guidance_watches where incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> Times.instant(rs, "commander_lost_at"))
                .optional()
                .orElse(null);
    }

    public void commanderLost(long incidentId, Instant at) {
        jdbc.sql("update guidance_watches set commander_lost_at = ? where incident_id = ?")
                .params(db(at), incidentId)
                .update();
    }

    /** Raises a nudge once per occurrence: true only the first time (the unique index fences it). */
    public boolean raise(long incidentId, String condition, String occurrence, String text, Instant now) {
        return jdbc.sql("insert into guidance_nudges (incident_id, condition, occurrence, text, raised_at)"
                                + " values (?, ?, ?, ?, ?) on conflict do nothing")
                        .params(incidentId, condition, occurrence, text, db(now))
                        .update()
                > 0;
    }

    public List<Stored> open(long incidentId) {
        return jdbc.sql("select * from guidance_nudges where incident_id = ? and resolved_at is null order by id")
                .param(incidentId)
                .query(NudgeStore::stored)
                .list();
    }

    public void resolve(long nudgeId, Instant now) {
        jdbc.sql("update guidance_nudges set resolved_at = ? where id = ? and resolved_at is null")
                .params(db(now), nudgeId)
                .update();
    }

    public void resolveAll(long incidentId, Instant now) {
        jdbc.sql("update guidance_nudges set resolved_at = ? where incident_id = ? and resolved_at is null")
                .params(db(now), incidentId)
                .update();
    }

    /** A nudge with the occurrence it stands for. */
    public record Stored(Nudge nudge, String occurrence) {}

    /** Records that a role card went to this person; true the first time only. */
    public boolean roleCardSent(long incidentId, long userId, IncidentRole role, Instant now) {
        return jdbc.sql("insert into guidance_role_cards (incident_id, user_id, role, sent_at) values (?, ?, ?, ?)"
                                + " on conflict do nothing")
                        .params(incidentId, userId, role.json(), db(now))
                        .update()
                > 0;
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(
                new Nudge(
                        rs.getLong("id"),
                        rs.getString("condition"),
                        rs.getString("text"),
                        Times.instant(rs, "raised_at")),
                rs.getString("occurrence"));
    }
}
