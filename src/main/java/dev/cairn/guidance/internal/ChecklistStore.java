package dev.cairn.guidance.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.guidance.ChecklistItem;
import dev.cairn.guidance.IncidentChecklistItem;
import dev.cairn.incident.IncidentRole;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Default checklists and each incident's copy of them. */
@Repository
public class ChecklistStore {

    private final JdbcClient jdbc;

    ChecklistStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- defaults ---------------------------------------------------------------------------

    public List<ChecklistItem> all() {
        return jdbc.sql("select * from checklist_items order by severity nulls last, role, position, id")
                .query(ChecklistStore::item)
                .list();
    }

    public List<ChecklistItem> ofSeverity(String severity) {
        return jdbc.sql("select * from checklist_items where severity = ? order by position, id")
                .param(severity)
                .query(ChecklistStore::item)
                .list();
    }

    public List<ChecklistItem> ofRole(IncidentRole role) {
        return jdbc.sql("select * from checklist_items where role = ? order by position, id")
                .param(role.json())
                .query(ChecklistStore::item)
                .list();
    }

    public Optional<ChecklistItem> find(long id) {
        return jdbc.sql("select * from checklist_items where id = ?")
                .param(id)
                .query(ChecklistStore::item)
                .optional();
    }

    public long insert(String severity, IncidentRole role, String text, Instant now) {
        return Sql.insert(
                jdbc.sql("insert into checklist_items (severity, role, position, text, created_at, updated_at)"
                                + " values (?, ?, 0, ?, ?, ?)")
                        .params(severity, role == null ? null : role.json(), text, db(now), db(now)));
    }

    public void update(long id, String text, int position, Instant now) {
        jdbc.sql("update checklist_items set text = ?, position = ?, updated_at = ? where id = ?")
                .params(text, position, db(now), id)
                .update();
    }

    public void delete(long id) {
        jdbc.sql("delete from checklist_items where id = ?").param(id).update();
    }

    /** Numbers a list 1..n in the given order. */
    public void renumber(List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("update checklist_items set position = ? where id = ?")
                    .params(i + 1, ids.get(i))
                    .update();
        }
    }

    // ---- an incident's items ----------------------------------------------------------------

    public List<IncidentChecklistItem> ofIncident(long incidentId) {
        return jdbc.sql("select * from incident_checklist_items where incident_id = ? order by id")
                .param(incidentId)
                .query(ChecklistStore::incidentItem)
                .list();
    }

    public Optional<IncidentChecklistItem> incidentItem(long incidentId, long itemId) {
        return jdbc.sql("select * from incident_checklist_items where incident_id = ? and id = ?")
                .params(incidentId, itemId)
                .query(ChecklistStore::incidentItem)
                .optional();
    }

    /** Copies a default item into an incident unless it is there already; true when added. */
    public boolean copy(long incidentId, ChecklistItem item, Instant now) {
        return jdbc.sql("insert into incident_checklist_items (incident_id, source_item_id, severity, role, text,"
                                + " added_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                        .params(
                                incidentId,
                                item.id(),
                                item.severity(),
                                item.role() == null ? null : item.role().json(),
                                item.text(),
                                db(now))
                        .update()
                > 0;
    }

    /** Ticks or unticks; true when it changed (ticking a ticked item does nothing). */
    public boolean tick(long itemId, boolean ticked, Long by, Instant now) {
        return (ticked
                                ? jdbc.sql("update incident_checklist_items set ticked_at = ?, ticked_by = ?"
                                                + " where id = ? and ticked_at is null")
                                        .params(db(now), by, itemId)
                                : jdbc.sql("update incident_checklist_items set ticked_at = null, ticked_by = null"
                                                + " where id = ? and ticked_at is not null")
                                        .param(itemId))
                        .update()
                > 0;
    }

    private static ChecklistItem item(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("role");
        return new ChecklistItem(
                rs.getLong("id"),
                rs.getString("severity"),
                role == null ? null : IncidentRole.parse(role),
                rs.getInt("position"),
                rs.getString("text"));
    }

    private static IncidentChecklistItem incidentItem(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("role");
        Number by = (Number) rs.getObject("ticked_by");
        return new IncidentChecklistItem(
                rs.getLong("id"),
                rs.getString("severity"),
                role == null ? null : IncidentRole.parse(role),
                rs.getString("text"),
                Times.instant(rs, "added_at"),
                Times.instant(rs, "ticked_at"),
                by == null ? null : by.longValue(),
                null);
    }
}
