package dev.cairn.transcript.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of past imports, in SQL. */
@Repository
public class ImportStore {

    private final JdbcClient jdbc;

    ImportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(
            long id,
            long incidentId,
            String kind,
            String fileName,
            String channel,
            int imported,
            int skipped,
            long createdBy,
            Instant createdAt) {}

    public long insert(
            long incidentId,
            String kind,
            String fileName,
            String channel,
            int imported,
            int skipped,
            long by,
            Instant at) {
        return Sql.insert(jdbc.sql("insert into transcript_imports (incident_id, kind, file_name, channel, imported,"
                        + " skipped, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(incidentId, kind, fileName, channel, imported, skipped, by, db(at)));
    }

    public List<Row> list(long incidentId, int limit) {
        return jdbc.sql("select id, incident_id, kind, file_name, channel, imported, skipped, created_by, created_at"
                        + " from transcript_imports where incident_id = ? order by id desc limit ?")
                .params(incidentId, limit)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getLong("incident_id"),
                        rs.getString("kind"),
                        rs.getString("file_name"),
                        rs.getString("channel"),
                        rs.getInt("imported"),
                        rs.getInt("skipped"),
                        rs.getLong("created_by"),
                        Times.instant(rs, "created_at")))
                .list();
    }
}
