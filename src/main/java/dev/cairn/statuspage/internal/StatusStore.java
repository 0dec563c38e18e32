package dev.cairn.statuspage.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import dev.cairn.statuspage.Component;
import dev.cairn.statuspage.Impact;
import dev.cairn.statuspage.Maintenance;
import dev.cairn.statuspage.PublicStatus;
import dev.cairn.statuspage.StatusIncident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Components, maintenance windows, status page incidents and the page's settings and version. */
@Repository
public class StatusStore {

    private final JdbcClient jdbc;

    StatusStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Settings(String name, String description, long version) {}

    // ---- settings and version -------------------------------------------------------------------

    public Settings settings() {
        return jdbc.sql("select name, description, version from status_page_settings where id = 1")
                .query((rs, n) ->
                        new Settings(rs.getString("name"), rs.getString("description"), rs.getLong("version")))
                .single();
    }

    public long version() {
        return jdbc.sql("select version from status_page_settings where id = 1")
                .query(Long.class)
                .single();
    }

    public void saveSettings(String name, String description) {
        jdbc.sql("update status_page_settings set name = ?, description = ? where id = 1")
                .params(name, description)
                .update();
    }

    /** Every change bumps the version in its own transaction, so other nodes see it after commit. */
    public void bump() {
        jdbc.sql("update status_page_settings set version = version + 1 where id = 1")
                .update();
    }

    // ---- components -----------------------------------------------------------------------------

    public List<Component> components() {
        Map<Long, List<Long>> services = new HashMap<>();
        jdbc.sql("select component_id, service_id from status_component_services order by service_id")
                .query(rs -> {
                    services.computeIfAbsent(rs.getLong("component_id"), k -> new ArrayList<>())
                            .add(rs.getLong("service_id"));
                });
        return jdbc.sql("select * from status_components order by display_order, lower(name), id")
                .query((rs, n) -> new Component(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getString("group_name"),
                        rs.getInt("display_order"),
                        List.copyOf(services.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    public long insertComponent(String name, String description, String group, int order, Instant now) {
        return Sql.insert(jdbc.sql("insert into status_components (name, description, group_name, display_order,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(name, description, group, order, db(now), db(now)));
    }

    public void updateComponent(long id, String name, String description, String group, int order, Instant now) {
        jdbc.sql("update status_components set name = ?, description = ?, group_name = ?, display_order = ?,"
                        + " updated_at = ? where id = ?")
                .params(name, description, group, order, db(now), id)
                .update();
    }

    public void replaceComponentServices(long componentId, List<Long> serviceIds) {
        jdbc.sql("delete from status_component_services where component_id = ?")
                .param(componentId)
                .update();
        for (Long serviceId : serviceIds) {
            jdbc.sql("insert into status_component_services (component_id, service_id) values (?, ?)")
                    .params(componentId, serviceId)
                    .update();
        }
    }

    public void deleteComponent(long id) {
        jdbc.sql("delete from status_components where id = ?").param(id).update();
    }

    public boolean componentNameTaken(String name, Long exceptId) {
        return jdbc.sql("select count(*) from status_components where lower(name) = lower(?) and id <> ?")
                        .params(name, exceptId == null ? -1L : exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    // ---- maintenance ----------------------------------------------------------------------------

    /** Windows that end after {@code after}, soonest first. */
    public List<Maintenance> maintenances(Instant after) {
        Map<Long, List<Long>> components = new HashMap<>();
        jdbc.sql("select maintenance_id, component_id from status_maintenance_components order by component_id")
                .query(rs -> {
                    components
                            .computeIfAbsent(rs.getLong("maintenance_id"), k -> new ArrayList<>())
                            .add(rs.getLong("component_id"));
                });
        return jdbc.sql("select * from status_maintenances where ends_at > ? order by starts_at, id")
                .param(db(after))
                .query((rs, n) -> new Maintenance(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("description"),
                        Times.instant(rs, "starts_at"),
                        Times.instant(rs, "ends_at"),
                        List.copyOf(components.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    public Optional<Maintenance> maintenance(long id) {
        return maintenances(Instant.EPOCH).stream().filter(m -> m.id() == id).findFirst();
    }

    public long insertMaintenance(String title, String description, Instant start, Instant end, Instant now) {
        return Sql.insert(jdbc.sql("insert into status_maintenances (title, description, starts_at, ends_at,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(title, description, db(start), db(end), db(now), db(now)));
    }

    public void updateMaintenance(long id, String title, String description, Instant start, Instant end, Instant now) {
        jdbc.sql("update status_maintenances set title = ?, description = ?, starts_at = ?, ends_at = ?,"
                        + " updated_at = ? where id = ?")
                .params(title, description, db(start), db(end), db(now), id)
                .update();
    }

    public void replaceMaintenanceComponents(long maintenanceId, List<Long> componentIds) {
        jdbc.sql("delete from status_maintenance_components where maintenance_id = ?")
                .param(maintenanceId)
                .update();
        for (Long componentId : componentIds) {
            jdbc.sql("insert into status_maintenance_components (maintenance_id, component_id) values (?, ?)")
                    .params(maintenanceId, componentId)
                    .update();
        }
    }

    public void deleteMaintenance(long id) {
        jdbc.sql("delete from status_maintenances where id = ?").param(id).update();
    }

    // ---- status page incidents ------------------------------------------------------------------

    public long insertIncident(long incidentId, String title, PublicStatus status, Instant now) {
        return Sql.insert(jdbc.sql("insert into status_incidents (incident_id, title, status, started_at, resolved_at,"
                        + " updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(
                        incidentId,
                        title,
                        status.json(),
                        db(now),
                        status == PublicStatus.RESOLVED ? db(now) : null,
                        db(now)));
    }

    /** Locks the row so two writers posting at once each get a consistent latest update. */
    public Optional<Long> lockByIncident(long incidentId) {
        return jdbc.sql("select id from status_incidents where incident_id = ? and withdrawn_at is null for update")
                .param(incidentId)
                .query(Long.class)
                .optional();
    }

    public Optional<Long> lock(long id) {
        return jdbc.sql("select id from status_incidents where id = ? and withdrawn_at is null for update")
                .param(id)
                .query(Long.class)
                .optional();
    }

    /** The incident's status page incident that was taken off the page, if any. */
    public Optional<Long> withdrawnForIncident(long incidentId) {
        return jdbc.sql("select id from status_incidents where incident_id = ? and withdrawn_at is not null")
                .param(incidentId)
                .query(Long.class)
                .optional();
    }

    /** Puts a withdrawn status page incident back, with the wording of its new publication. */
    public void reinstate(long id, String title, PublicStatus status, Instant now) {
        jdbc.sql("update status_incidents set withdrawn_at = null, title = ?, status = ?, resolved_at = null,"
                        + " updated_at = ? where id = ? and withdrawn_at is not null")
                .params(title, status.json(), db(now), id)
                .update();
    }

    public boolean anyForIncident(long incidentId) {
        return jdbc.sql("select count(*) from status_incidents where incident_id = ?")
                        .param(incidentId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public void updateIncident(long id, String title, PublicStatus status, Instant resolvedAt, Instant now) {
        jdbc.sql("update status_incidents set title = ?, status = ?, resolved_at = ?, updated_at = ? where id = ?")
                .params(title, status.json(), resolvedAt == null ? null : db(resolvedAt), db(now), id)
                .update();
    }

    /** Takes the incident off the page for good (it became private or a drill); answers whether it was on. */
    public boolean withdraw(long incidentId, Instant now) {
        return jdbc.sql("update status_incidents set withdrawn_at = ? where incident_id = ? and withdrawn_at is null")
                        .params(db(now), incidentId)
                        .update()
                > 0;
    }

    public long insertUpdate(
            long statusIncidentId,
            PublicStatus status,
            String message,
            Map<Long, Impact> impacts,
            Long userId,
            Instant now) {
        long id = Sql.insert(jdbc.sql("insert into status_updates (status_incident_id, status, message, created_at,"
                        + " created_by) values (?, ?, ?, ?, ?)")
                .params(statusIncidentId, status.json(), message, db(now), userId));
        impacts.forEach((component, impact) -> jdbc.sql(
                        "insert into status_update_impacts (update_id, component_id, impact) values (?, ?, ?)")
                .params(id, component, impact.json())
                .update());
        return id;
    }

    /** Claims the e-mail of an update to subscribers: true once, for the first caller. */
    public boolean claimNotification(long updateId, Instant now) {
        return jdbc.sql("update status_updates set notified_at = ? where id = ? and notified_at is null")
                        .params(db(now), updateId)
                        .update()
                == 1;
    }

    public Optional<StatusIncident> incident(long id) {
        return load("si.id = ?", id).stream().findFirst();
    }

    public Optional<StatusIncident> byIncident(long incidentId) {
        return load("si.incident_id = ?", incidentId).stream().findFirst();
    }

    public Optional<StatusIncident> byUpdate(long updateId) {
        return load("si.id = (select status_incident_id from status_updates where id = ?)", updateId).stream()
                .findFirst();
    }

    /** Published incidents still open or active since {@code since}, newest first. */
    public List<StatusIncident> since(Instant since) {
        return load("(si.resolved_at is null or si.resolved_at >= ?)", db(since));
    }

    private List<StatusIncident> load(String where, Object param) {
        String incidents = "select si.* from status_incidents si where si.withdrawn_at is null and " + where;
        Map<Long, Map<Long, Impact>> impacts = new HashMap<>();
        jdbc.sql("select i.update_id, i.component_id, i.impact from status_update_impacts i"
                        + " join status_updates u on u.id = i.update_id"
                        + " where u.status_incident_id in (select si.id from status_incidents si"
                        + " where si.withdrawn_at is null and " + where + ")")
                .param(param)
                .query(rs -> {
                    impacts.computeIfAbsent(rs.getLong("update_id"), k -> new LinkedHashMap<>())
                            .put(rs.getLong("component_id"), Impact.parse(rs.getString("impact")));
                });
        Map<Long, List<StatusIncident.Update>> updates = new HashMap<>();
        jdbc.sql("select u.* from status_updates u where u.status_incident_id in (select si.id from status_incidents si"
                        + " where si.withdrawn_at is null and " + where + ") order by u.id desc")
                .param(param)
                .query(rs -> {
                    long id = rs.getLong("id");
                    updates.computeIfAbsent(rs.getLong("status_incident_id"), k -> new ArrayList<>())
                            .add(new StatusIncident.Update(
                                    id,
                                    PublicStatus.parse(rs.getString("status")),
                                    rs.getString("message"),
                                    Times.instant(rs, "created_at"),
                                    Map.copyOf(impacts.getOrDefault(id, Map.of()))));
                });
        return jdbc.sql(incidents + " order by si.id desc")
                .param(param)
                .query((rs, n) -> new StatusIncident(
                        rs.getLong("id"),
                        rs.getLong("incident_id"),
                        rs.getString("title"),
                        PublicStatus.parse(rs.getString("status")),
                        Times.instant(rs, "started_at"),
                        Times.instant(rs, "resolved_at"),
                        Times.instant(rs, "updated_at"),
                        List.copyOf(updates.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }
}
