package dev.cairn.action.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Team → tracker mappings (team 0 is the default) and each tracker's last success and failure. */
@Repository
public class TrackerStore {

    public static final long DEFAULT_TEAM = 0;

    private final JdbcClient jdbc;

    TrackerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Mapping(long teamId, String tracker, String target, Instant updatedAt) {}

    public record Health(String tracker, Instant lastOkAt, String lastError, Instant lastErrorAt) {}

    public List<Mapping> mappings() {
        return jdbc.sql("select * from tracker_mappings order by team_id")
                .query((rs, n) -> new Mapping(
                        rs.getLong("team_id"),
                        rs.getString("tracker"),
                        rs.getString("target"),
                        Times.instant(rs, "updated_at")))
                .list();
    }

    public Optional<Mapping> mapping(long teamId) {
        return mappings().stream().filter(m -> m.teamId() == teamId).findFirst();
    }

    public void putMapping(long teamId, String tracker, String target, Instant at) {
        int updated = jdbc.sql("update tracker_mappings set tracker = ?, target = ?, updated_at = ? where team_id = ?")
                .params(tracker, target, db(at), teamId)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into tracker_mappings (team_id, tracker, target, updated_at) values (?, ?, ?, ?)"
                            + " on conflict do nothing")
                    .params(teamId, tracker, target, db(at))
                    .update();
        }
    }

    public void deleteMapping(long teamId) {
        jdbc.sql("delete from tracker_mappings where team_id = ?").param(teamId).update();
    }

    public List<Health> health() {
        return jdbc.sql("select * from tracker_health order by tracker")
                .query((rs, n) -> new Health(
                        rs.getString("tracker"),
                        Times.instant(rs, "last_ok_at"),
                        rs.getString("last_error"),
                        Times.instant(rs, "last_error_at")))
                .list();
    }

    public void ok(String tracker, Instant at) {
        ensure(tracker);
        jdbc.sql("update tracker_health set last_ok_at = ? where tracker = ?")
                .params(db(at), tracker)
                .update();
    }

    public void error(String tracker, String error, Instant at) {
        ensure(tracker);
        jdbc.sql("update tracker_health set last_error = ?, last_error_at = ? where tracker = ?")
                .params(error.length() > 1000 ? error.substring(0, 997) + "..." : error, db(at), tracker)
                .update();
    }

    private void ensure(String tracker) {
        jdbc.sql("insert into tracker_health (tracker) values (?) on conflict do nothing")
                .param(tracker)
                .update();
    }
}
