package dev.cairn.timeline.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The timeline tables, in SQL. */
@Repository
public class TimelineStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, incident_id, kind, body, author_id, source, occurred_at, created_at,"
            + " starred, edited_at, deleted_at, data";

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    TimelineStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Keys of Slack messages, {@code slack:<channel>:<ts>}, shared by the live mirror and the export importer. */
    public static final String SLACK_KEY = "slack:";

    /** An imported entry ready to insert; {@code key} is unique within the incident. */
    public record Imported(
            String key, String kind, String body, Long authorId, Instant occurredAt, Map<String, String> data) {}

    /**
     * Inserts imported entries in one JDBC batch; an entry whose key the incident already has is
     * skipped ({@code on conflict do nothing}, on PostgreSQL and H2). Returns how many were added.
     */
    public int insertImported(long incidentId, String source, List<Imported> entries, Instant now) {
        List<Object[]> args = entries.stream()
                .map(e -> new Object[] {
                    incidentId,
                    e.kind(),
                    e.body(),
                    e.authorId(),
                    source,
                    db(e.occurredAt()),
                    db(now),
                    e.data() == null || e.data().isEmpty() ? null : JSON.writeValueAsString(e.data()),
                    e.key(),
                    e.key().startsWith(SLACK_KEY) ? e.key() : null
                })
                .toList();
        // A Slack message has one key live and imported, so an export imported after live
        // mirroring (or the other way round) adds nothing twice: either unique index refuses it.
        int[] counts = batch.batchUpdate(
                "insert into timeline_entries (incident_id, kind, body, author_id, source, occurred_at, created_at,"
                        + " data, import_key, external_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict do nothing",
                args);
        int added = 0;
        for (int count : counts) {
            added += Math.max(count, 0);
        }
        return added;
    }

    /** An entry row; the author's name is resolved by the caller. */
    public record Row(
            long id,
            long incidentId,
            String kind,
            String body,
            Long authorId,
            String source,
            Instant occurredAt,
            Instant createdAt,
            boolean starred,
            Instant editedAt,
            Instant deletedAt,
            Map<String, String> data) {}

    public record Revision(long id, long entryId, String body, Long editedBy, Instant editedAt) {}

    public long insert(
            long incidentId,
            String kind,
            String body,
            Long authorId,
            String source,
            Instant occurredAt,
            Instant now,
            Map<String, String> data) {
        return Sql.insert(
                jdbc.sql("insert into timeline_entries (incident_id, kind, body, author_id, source, occurred_at,"
                                + " created_at, data) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                incidentId,
                                kind,
                                body,
                                authorId,
                                source,
                                db(occurredAt),
                                db(now),
                                data == null || data.isEmpty() ? null : JSON.writeValueAsString(data)));
    }

    /**
     * Inserts an entry mirrored from elsewhere under its outside id, unless one with that id is
     * already there; returns the id of the new entry, or empty when it was a repeat.
     */
    public Optional<Long> insertExternal(
            long incidentId,
            String kind,
            String body,
            Long authorId,
            String source,
            String externalId,
            Instant occurredAt,
            Instant now,
            Map<String, String> data) {
        int inserted = jdbc.sql("insert into timeline_entries (incident_id, kind, body, author_id, source, occurred_at,"
                        + " created_at, data, external_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(
                        incidentId,
                        kind,
                        body,
                        authorId,
                        source,
                        db(occurredAt),
                        db(now),
                        data == null || data.isEmpty() ? null : JSON.writeValueAsString(data),
                        externalId)
                .update();
        return inserted == 0
                ? Optional.empty()
                : findExternal(incidentId, externalId).map(Row::id);
    }

    public Optional<Row> findExternal(long incidentId, String externalId) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ? and external_id = ?")
                .params(incidentId, externalId)
                .query(TimelineStore::row)
                .optional();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where id = ?")
                .param(id)
                .query(TimelineStore::row)
                .optional();
    }

    /** The whole timeline in the order things happened, up to {@code limit} entries. */
    public List<Row> chronological(long incidentId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ?"
                        + " order by occurred_at, id limit ?")
                .params(incidentId, limit)
                .query(TimelineStore::row)
                .list();
    }

    /** The entries after ({@code occurredAt}, {@code id}) in time order: one chunk of a long transcript. */
    public List<Row> chronologicalAfter(long incidentId, Instant occurredAt, long id, int limit) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ?"
                        + " and (occurred_at > ? or (occurred_at = ? and id > ?)) order by occurred_at, id limit ?")
                .params(incidentId, db(occurredAt), db(occurredAt), id, limit)
                .query(TimelineStore::row)
                .list();
    }

    /**
     * The last {@code limit} entries before ({@code occurredAt}, {@code id}) in time order, or the
     * newest {@code limit} when {@code occurredAt} is null; oldest first. Walks the (incident,
     * occurred_at, id) index backwards: the room's chunks of a long transcript.
     */
    public List<Row> chronologicalBefore(long incidentId, Instant occurredAt, long id, int limit) {
        List<Row> rows = occurredAt == null
                ? jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ?"
                                + " order by occurred_at desc, id desc limit ?")
                        .params(incidentId, limit)
                        .query(TimelineStore::row)
                        .list()
                : jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ?"
                                + " and (occurred_at < ? or (occurred_at = ? and id < ?))"
                                + " order by occurred_at desc, id desc limit ?")
                        .params(incidentId, db(occurredAt), db(occurredAt), id, limit)
                        .query(TimelineStore::row)
                        .list();
        return rows.reversed();
    }

    /** The entries from ({@code occurredAt}, {@code id}) on, that one included, in time order. */
    public List<Row> chronologicalFrom(long incidentId, Instant occurredAt, long id, int limit) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ?"
                        + " and (occurred_at > ? or (occurred_at = ? and id >= ?)) order by occurred_at, id limit ?")
                .params(incidentId, db(occurredAt), db(occurredAt), id, limit)
                .query(TimelineStore::row)
                .list();
    }

    /** How many entries come before ({@code occurredAt}, {@code id}) in time order. */
    public int countBefore(long incidentId, Instant occurredAt, long id) {
        return jdbc.sql("select count(*) from timeline_entries where incident_id = ?"
                        + " and (occurred_at < ? or (occurred_at = ? and id < ?))")
                .params(incidentId, db(occurredAt), db(occurredAt), id)
                .query(Integer.class)
                .single();
    }

    /** How many entries come after ({@code occurredAt}, {@code id}) in time order. */
    public int countAfter(long incidentId, Instant occurredAt, long id) {
        return jdbc.sql("select count(*) from timeline_entries where incident_id = ?"
                        + " and (occurred_at > ? or (occurred_at = ? and id > ?))")
                .params(incidentId, db(occurredAt), db(occurredAt), id)
                .query(Integer.class)
                .single();
    }

    /** Everyone who wrote on the incident's timeline, however long it is. */
    public List<Long> authorIds(long incidentId) {
        return jdbc.sql(
                        "select distinct author_id from timeline_entries where incident_id = ? and author_id is not null")
                .param(incidentId)
                .query(Long.class)
                .list();
    }

    /** The starred entries' ids in the order things happened. */
    public List<Long> starredIds(long incidentId) {
        return jdbc.sql("select id from timeline_entries where incident_id = ? and starred order by occurred_at, id")
                .param(incidentId)
                .query(Long.class)
                .list();
    }

    public int count(long incidentId) {
        return jdbc.sql("select count(*) from timeline_entries where incident_id = ?")
                .param(incidentId)
                .query(Integer.class)
                .single();
    }

    public List<Row> some(long incidentId, java.util.Collection<Long> ids) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = :incident and id in (:ids)"
                        + " order by occurred_at, id")
                .param("incident", incidentId)
                .param("ids", List.copyOf(ids))
                .query(TimelineStore::row)
                .list();
    }

    public List<Row> newestFirst(long incidentId, long before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ? and id < ?"
                        + " order by id desc limit ?")
                .params(incidentId, before, limit)
                .query(TimelineStore::row)
                .list();
    }

    public List<Row> after(long incidentId, long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from timeline_entries where incident_id = ? and id > ?"
                        + " order by id limit ?")
                .params(incidentId, afterId, limit)
                .query(TimelineStore::row)
                .list();
    }

    public void edit(long id, String oldBody, String newBody, Long editorId, Instant now) {
        jdbc.sql("insert into timeline_revisions (entry_id, body, edited_by, edited_at) values (?, ?, ?, ?)")
                .params(id, oldBody, editorId, db(now))
                .update();
        jdbc.sql("update timeline_entries set body = ?, edited_at = ? where id = ?")
                .params(newBody, db(now), id)
                .update();
    }

    public void star(long id, boolean starred) {
        jdbc.sql("update timeline_entries set starred = ? where id = ?")
                .params(starred, id)
                .update();
    }

    public void softDelete(long id, Long by, Instant now) {
        jdbc.sql("update timeline_entries set deleted_at = ?, deleted_by = ? where id = ?")
                .params(db(now), by, id)
                .update();
    }

    public List<Revision> revisions(long entryId) {
        return jdbc.sql("select id, entry_id, body, edited_by, edited_at from timeline_revisions where entry_id = ?"
                        + " order by id")
                .param(entryId)
                .query((rs, n) -> new Revision(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        (Long) rs.getObject(4, Long.class),
                        Times.instant(rs, "edited_at")))
                .list();
    }

    /** Incidents whose live entries match the words (PostgreSQL full-text search). */
    public List<Long> searchPostgres(String query, int limit) {
        return jdbc.sql("select distinct incident_id from timeline_entries where deleted_at is null"
                        + " and to_tsvector('simple', body) @@ plainto_tsquery('simple', ?) limit ?")
                .params(query, limit)
                .query(Long.class)
                .list();
    }

    /** The plain fallback for H2: a case-insensitive substring match. */
    public List<Long> searchLike(String query, int limit) {
        return jdbc.sql("select distinct incident_id from timeline_entries where deleted_at is null"
                        + " and lower(body) like ? limit ?")
                .params("%" + query.toLowerCase(java.util.Locale.ROOT) + "%", limit)
                .query(Long.class)
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String data = rs.getString("data");
        return new Row(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                rs.getString("kind"),
                rs.getString("body"),
                (Long) rs.getObject("author_id", Long.class),
                rs.getString("source"),
                Times.instant(rs, "occurred_at"),
                Times.instant(rs, "created_at"),
                rs.getBoolean("starred"),
                Times.instant(rs, "edited_at"),
                Times.instant(rs, "deleted_at"),
                data == null ? Map.of() : JSON.readValue(data, new TypeReference<Map<String, String>>() {}));
    }
}
