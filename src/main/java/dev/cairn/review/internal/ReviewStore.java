package dev.cairn.review.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.review.ReviewDepth;
import dev.cairn.review.ReviewState;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reviews, their highlights and comments, in SQL. */
@Repository
public class ReviewStore {

    private static final String COLUMNS = "incident_id, state, depth, narrative, what_happened, learned, hypothesis,"
            + " surprises, custom_phases, created_by, created_at, updated_at, published_at, published_by";

    private final JdbcClient jdbc;

    ReviewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(
            long incidentId,
            ReviewState state,
            ReviewDepth depth,
            String narrative,
            String whatHappened,
            String learned,
            String hypothesis,
            String surprises,
            String customPhases,
            long createdBy,
            Instant createdAt,
            Instant updatedAt,
            Instant publishedAt,
            Long publishedBy) {}

    public record HighlightRow(
            long id, long entryId, boolean keyMoment, String phases, String note, long createdBy, Instant createdAt) {}

    public record CommentRow(
            long id, String target, String kind, String body, Long addresseeId, long authorId, Instant createdAt) {}

    public Optional<Row> find(long incidentId) {
        return jdbc.sql("select " + COLUMNS + " from reviews where incident_id = ?")
                .param(incidentId)
                .query(ReviewStore::row)
                .optional();
    }

    public Optional<Row> lock(long incidentId) {
        return jdbc.sql("select " + COLUMNS + " from reviews where incident_id = ? for update")
                .param(incidentId)
                .query(ReviewStore::row)
                .optional();
    }

    /** Starts a review unless one exists (concurrent starts leave one). */
    public void insert(long incidentId, ReviewDepth depth, long by, Instant now) {
        jdbc.sql("insert into reviews (incident_id, state, depth, created_by, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(incidentId, ReviewState.DRAFT.json(), depth.json(), by, db(now), db(now))
                .update();
    }

    public void update(Row row, Instant now) {
        jdbc.sql("update reviews set state = ?, depth = ?, narrative = ?, what_happened = ?, learned = ?,"
                        + " hypothesis = ?, surprises = ?, custom_phases = ?, updated_at = ?, published_at = ?,"
                        + " published_by = ? where incident_id = ?")
                .params(
                        row.state().json(),
                        row.depth().json(),
                        row.narrative(),
                        row.whatHappened(),
                        row.learned(),
                        row.hypothesis(),
                        row.surprises(),
                        row.customPhases(),
                        db(now),
                        db(row.publishedAt()),
                        row.publishedBy(),
                        row.incidentId())
                .update();
    }

    /** A review in a list, with its incident's title and severity and its reader count. */
    public record ListedRow(
            long incidentId,
            String title,
            String severity,
            ReviewState state,
            ReviewDepth depth,
            Instant createdAt,
            Instant updatedAt,
            Instant publishedAt,
            int readers) {}

    /**
     * Up to {@code limit} reviews below incident id {@code before}, newest incident first, that
     * pass the filters (null: any) and the visibility condition on {@code i} (incidents).
     */
    public List<ListedRow> page(
            long before,
            int limit,
            ReviewState state,
            String severity,
            Long teamId,
            String visible,
            Map<String, Object> visibleParams) {
        StringBuilder sql = new StringBuilder("select r.incident_id, i.title, i.severity, r.state, r.depth,"
                + " r.created_at, r.updated_at, r.published_at,"
                + " (select count(distinct rr.user_id) from review_reads rr where rr.incident_id = r.incident_id) readers"
                + " from reviews r join incidents i on i.id = r.incident_id where r.incident_id < :before and ");
        Map<String, Object> params = new HashMap<>(visibleParams);
        params.put("before", before);
        sql.append(visible);
        if (state != null) {
            sql.append(" and r.state = :state");
            params.put("state", state.json());
        }
        if (severity != null) {
            sql.append(" and i.severity = :severity");
            params.put("severity", severity);
        }
        if (teamId != null) {
            sql.append(" and exists (select 1 from incident_services isv join services sv on sv.id = isv.service_id"
                    + " where isv.incident_id = i.id and sv.owner_team_id = :team)");
            params.put("team", teamId);
        }
        sql.append(" order by r.incident_id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new ListedRow(
                        rs.getLong("incident_id"),
                        rs.getString("title"),
                        rs.getString("severity"),
                        ReviewState.parse(rs.getString("state")),
                        ReviewDepth.parse(rs.getString("depth")),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "updated_at"),
                        Times.instant(rs, "published_at"),
                        rs.getInt("readers")))
                .list();
    }

    /** An opening of a visible published review since {@code from}, with one team of its reader (or null). */
    public record TeamOpening(Instant openedAt, long userId, Long teamId) {}

    public List<TeamOpening> teamOpenings(
            Instant from, String severity, Long teamId, String visible, Map<String, Object> visibleParams) {
        StringBuilder sql = new StringBuilder("select rr.opened_at, rr.user_id, tm.team_id from review_reads rr"
                + " join reviews r on r.incident_id = rr.incident_id join incidents i on i.id = r.incident_id"
                + " left join team_members tm on tm.user_id = rr.user_id"
                + " where rr.opened_at >= :from and r.state = 'published' and ");
        Map<String, Object> params = new HashMap<>(visibleParams);
        params.put("from", db(from));
        sql.append(visible);
        if (severity != null) {
            sql.append(" and i.severity = :severity");
            params.put("severity", severity);
        }
        if (teamId != null) {
            sql.append(" and exists (select 1 from incident_services isv join services sv on sv.id = isv.service_id"
                    + " where isv.incident_id = i.id and sv.owner_team_id = :team)");
            params.put("team", teamId);
        }
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new TeamOpening(Times.instant(rs, "opened_at"), rs.getLong("user_id"), (Long)
                        rs.getObject("team_id", Long.class)))
                .list();
    }

    // ---- highlights -----------------------------------------------------------------------------

    public List<HighlightRow> highlights(long incidentId) {
        return jdbc.sql("select id, entry_id, key_moment, phases, note, created_by, created_at from review_highlights"
                        + " where incident_id = ? order by id")
                .param(incidentId)
                .query((rs, n) -> new HighlightRow(
                        rs.getLong("id"),
                        rs.getLong("entry_id"),
                        rs.getBoolean("key_moment"),
                        rs.getString("phases"),
                        rs.getString("note"),
                        rs.getLong("created_by"),
                        Times.instant(rs, "created_at")))
                .list();
    }

    public Optional<HighlightRow> highlightOf(long incidentId, long entryId) {
        return highlights(incidentId).stream()
                .filter(h -> h.entryId() == entryId)
                .findFirst();
    }

    public void insertHighlight(
            long incidentId, long entryId, boolean key, String phases, String note, long by, Instant now) {
        jdbc.sql("insert into review_highlights (incident_id, entry_id, key_moment, phases, note, created_by,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(incidentId, entryId, key, phases, note, by, db(now))
                .update();
    }

    public void updateHighlight(long id, boolean key, String phases, String note) {
        jdbc.sql("update review_highlights set key_moment = ?, phases = ?, note = ? where id = ?")
                .params(key, phases, note, id)
                .update();
    }

    public int deleteHighlights(long incidentId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from review_highlights where incident_id = :incident and id in (:ids)")
                .param("incident", incidentId)
                .param("ids", List.copyOf(ids))
                .update();
    }

    // ---- comments -------------------------------------------------------------------------------

    public long insertComment(
            long incidentId, String target, String kind, String body, Long addressee, long by, Instant now) {
        return Sql.insert(jdbc.sql("insert into review_comments (incident_id, target, kind, body, addressee_id,"
                        + " author_id, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(incidentId, target, kind, body, addressee, by, db(now)));
    }

    public List<CommentRow> comments(long incidentId) {
        return jdbc.sql("select id, target, kind, body, addressee_id, author_id, created_at from review_comments"
                        + " where incident_id = ? order by id")
                .param(incidentId)
                .query((rs, n) -> new CommentRow(
                        rs.getLong("id"),
                        rs.getString("target"),
                        rs.getString("kind"),
                        rs.getString("body"),
                        (Long) rs.getObject("addressee_id", Long.class),
                        rs.getLong("author_id"),
                        Times.instant(rs, "created_at")))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong("incident_id"),
                ReviewState.parse(rs.getString("state")),
                ReviewDepth.parse(rs.getString("depth")),
                rs.getString("narrative"),
                rs.getString("what_happened"),
                rs.getString("learned"),
                rs.getString("hypothesis"),
                rs.getString("surprises"),
                rs.getString("custom_phases"),
                rs.getLong("created_by"),
                Times.instant(rs, "created_at"),
                Times.instant(rs, "updated_at"),
                Times.instant(rs, "published_at"),
                (Long) rs.getObject("published_by", Long.class));
    }
}
