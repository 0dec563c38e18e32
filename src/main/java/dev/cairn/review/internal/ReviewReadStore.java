package dev.cairn.review.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Openings of published reviews, in SQL. */
@Repository
public class ReviewReadStore {

    private final JdbcClient jdbc;

    ReviewReadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ReadRow(
            long id, long incidentId, long userId, Instant openedAt, Instant lastSeenAt, int depth, int seconds) {}

    public long open(long incidentId, long userId, Instant now) {
        return Sql.insert(jdbc.sql("insert into review_reads (incident_id, user_id, opened_at, last_seen_at)"
                        + " values (?, ?, ?, ?)")
                .params(incidentId, userId, db(now), db(now)));
    }

    /** Raises depth and time of the reader's own opening; depth and time never go down. */
    public int progress(long readId, long incidentId, long userId, int depth, int seconds, Instant now) {
        return jdbc.sql("update review_reads set max_depth = greatest(max_depth, ?), seconds = greatest(seconds, ?),"
                        + " last_seen_at = ? where id = ? and incident_id = ? and user_id = ?")
                .params(depth, seconds, db(now), readId, incidentId, userId)
                .update();
    }

    public List<ReadRow> reads(long incidentId) {
        return jdbc.sql("select id, incident_id, user_id, opened_at, last_seen_at, max_depth, seconds from review_reads"
                        + " where incident_id = ? order by opened_at, id")
                .param(incidentId)
                .query((rs, n) -> new ReadRow(
                        rs.getLong("id"),
                        rs.getLong("incident_id"),
                        rs.getLong("user_id"),
                        Times.instant(rs, "opened_at"),
                        Times.instant(rs, "last_seen_at"),
                        rs.getInt("max_depth"),
                        rs.getInt("seconds")))
                .list();
    }

    /** Distinct readers per review. */
    public Map<Long, Integer> readerCounts(Collection<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select incident_id, count(distinct user_id) n from review_reads where incident_id in (:ids)"
                        + " group by incident_id")
                .param("ids", List.copyOf(incidentIds))
                .query((rs, n) -> Map.entry(rs.getLong("incident_id"), rs.getInt("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Openings of these reviews since {@code from}, oldest first (for reads over time). */
    public List<ReadRow> since(Collection<Long> incidentIds, Instant from) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, incident_id, user_id, opened_at, last_seen_at, max_depth, seconds from review_reads"
                        + " where incident_id in (:ids) and opened_at >= :from order by opened_at")
                .param("ids", List.copyOf(incidentIds))
                .param("from", db(from))
                .query((rs, n) -> new ReadRow(
                        rs.getLong("id"),
                        rs.getLong("incident_id"),
                        rs.getLong("user_id"),
                        Times.instant(rs, "opened_at"),
                        Times.instant(rs, "last_seen_at"),
                        rs.getInt("max_depth"),
                        rs.getInt("seconds")))
                .list();
    }
}
