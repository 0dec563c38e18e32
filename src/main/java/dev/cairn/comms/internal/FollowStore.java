package dev.cairn.comms.internal;

import static dev.cairn.shared.Times.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who follows which incident or service, as which audience. */
@Repository
public class FollowStore {

    private final JdbcClient jdbc;

    FollowStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A follower and the audience they chose. */
    public record Follower(long userId, long audienceId, boolean ofIncident) {}

    public void follow(long userId, String column, long targetId, long audienceId, Instant now) {
        int changed = jdbc.sql("update update_follows set audience_id = ? where user_id = ? and " + column + " = ?")
                .params(audienceId, userId, targetId)
                .update();
        if (changed == 0) {
            jdbc.sql("insert into update_follows (user_id, " + column + ", audience_id, created_at) values (?, ?, ?, ?)"
                            + " on conflict do nothing")
                    .params(userId, targetId, audienceId, db(now))
                    .update();
        }
    }

    public int unfollow(long userId, String column, long targetId) {
        return jdbc.sql("delete from update_follows where user_id = ? and " + column + " = ?")
                .params(userId, targetId)
                .update();
    }

    public Optional<Long> audienceOf(long userId, String column, long targetId) {
        return jdbc.sql("select audience_id from update_follows where user_id = ? and " + column + " = ?")
                .params(userId, targetId)
                .query(Long.class)
                .optional();
    }

    /** Followers of the incident, then of any of its services. */
    public List<Follower> followers(long incidentId, Collection<Long> serviceIds) {
        List<Follower> ofIncident = jdbc.sql("select user_id, audience_id from update_follows where incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> new Follower(rs.getLong("user_id"), rs.getLong("audience_id"), true))
                .list();
        if (serviceIds.isEmpty()) {
            return ofIncident;
        }
        List<Follower> ofServices = jdbc.sql(
                        "select user_id, audience_id from update_follows where service_id in (:ids)")
                .param("ids", serviceIds)
                .query((rs, n) -> new Follower(rs.getLong("user_id"), rs.getLong("audience_id"), false))
                .list();
        return java.util.stream.Stream.concat(ofIncident.stream(), ofServices.stream())
                .toList();
    }
}
