package dev.cairn.catalog;

import static dev.cairn.shared.Times.db;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The services incidents name as affected: who owns them, how critical they are, their runbooks. */
@Service
public class Services {

    private static final String COLUMNS = "id, name, slug, description, owner_team_id, tier, created_at, updated_at";

    private final JdbcClient jdbc;
    private final Teams teams;
    private final Audit audit;
    private final Clock clock;

    Services(JdbcClient jdbc, Teams teams, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    /** The names of the given services in one query; ids that name no service are left out. */
    public Map<Long, String> names(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from services where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    public Optional<ServiceView> find(long id) {
        return views(jdbc.sql("select " + COLUMNS + " from services where id = ?")
                        .param(id)
                        .query(Services::row)
                        .list())
                .stream()
                .findFirst();
    }

    public ServiceView get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Service " + id));
    }

    public Map<Long, ServiceView> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return views(jdbc.sql("select " + COLUMNS + " from services where id in (:ids)")
                        .param("ids", ids)
                        .query(Services::row)
                        .list())
                .stream()
                .collect(Collectors.toMap(ServiceView::id, Function.identity()));
    }

    /** Every service by name: for pickers. */
    public List<ServiceView> all() {
        return views(jdbc.sql("select " + COLUMNS + " from services order by lower(name), id")
                .query(Services::row)
                .list());
    }

    /**
     * Services newest first, optionally only those whose name, slug or description contains {@code
     * query} (case-insensitive) and only those owned by {@code ownerTeamId}; either may be null.
     */
    public CursorPage<ServiceView> page(String cursor, int limit, String query, Long ownerTeamId) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from services where id < :cursor");
        Map<String, Object> params = new HashMap<>();
        params.put("cursor", CursorPage.decode(cursor));
        params.put("limit", limit + 1);
        if (query != null && !query.isBlank()) {
            sql.append(" and (lower(name) like :q escape '\\' or slug like :q escape '\\'"
                    + " or lower(description) like :q escape '\\')");
            params.put("q", "%" + likeEscape(query.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (ownerTeamId != null) {
            sql.append(" and owner_team_id = :team");
            params.put("team", ownerTeamId);
        }
        sql.append(" order by id desc limit :limit");
        List<Row> rows =
                jdbc.sql(sql.toString()).params(params).query(Services::row).list();
        return CursorPage.of(views(rows), limit, ServiceView::id);
    }

    @Transactional
    public ServiceView create(NewService service, Actor actor) {
        Actors.requireWrite(actor);
        checkTeam(service.ownerTeamId());
        Instant now = clock.instant();
        long id;
        try {
            id = Sql.insert(jdbc.sql("insert into services (name, slug, description, owner_team_id, tier, created_at,"
                            + " updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            service.name(),
                            Teams.slug(service.name()),
                            service.description(),
                            service.ownerTeamId(),
                            service.tier(),
                            db(now),
                            db(now)));
        } catch (DuplicateKeyException e) {
            throw duplicate(service.name());
        }
        writeLinks(id, service.links());
        audit.record(actor, "service.created", "service", id, "name=" + service.name() + " tier=" + service.tier());
        return get(id);
    }

    @Transactional
    public ServiceView update(long id, ServiceUpdate update, Actor actor) {
        Actors.requireWrite(actor);
        ServiceView current = get(id);
        String name = update.name() == null ? current.name() : update.name();
        Long owner = update.removeOwner()
                ? null
                : update.ownerTeamId() == null ? current.ownerTeamId() : update.ownerTeamId();
        if (update.ownerTeamId() != null) {
            checkTeam(update.ownerTeamId());
        }
        int tier = update.tier() == null ? current.tier() : update.tier();
        try {
            jdbc.sql("update services set name = ?, slug = ?, description = ?, owner_team_id = ?, tier = ?,"
                            + " updated_at = ? where id = ?")
                    .params(
                            name,
                            Teams.slug(name),
                            update.description() == null ? current.description() : update.description(),
                            owner,
                            tier,
                            db(clock.instant()),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        if (update.links() != null) {
            jdbc.sql("delete from service_links where service_id = ?").param(id).update();
            writeLinks(id, update.links());
        }
        audit.record(actor, "service.updated", "service", id, "name=" + name + " tier=" + tier);
        return get(id);
    }

    private void checkTeam(Long teamId) {
        if (teamId != null && teams.find(teamId).isEmpty()) {
            throw new InvalidInputException("ownerTeamId", "is not a team: " + teamId);
        }
    }

    private void writeLinks(long serviceId, List<ServiceLink> links) {
        for (int i = 0; i < links.size(); i++) {
            jdbc.sql("insert into service_links (service_id, position, label, url) values (?, ?, ?, ?)")
                    .params(serviceId, i, links.get(i).label(), links.get(i).url())
                    .update();
        }
    }

    // The slug is unique, so two names that differ only in case or punctuation clash too.
    private static ConflictException duplicate(String name) {
        return new ConflictException("A service named " + name + " (or one with the same short name " + Teams.slug(name)
                + ") already exists");
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private List<ServiceView> views(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ServiceLink>> links = new HashMap<>();
        jdbc.sql("select service_id, label, url from service_links where service_id in (:ids)"
                        + " order by service_id, position")
                .param("ids", rows.stream().map(Row::id).toList())
                .query(rs -> {
                    links.computeIfAbsent(rs.getLong("service_id"), k -> new ArrayList<>())
                            .add(new ServiceLink(rs.getString("label"), rs.getString("url")));
                });
        // Team names come from the identity module's API: catalog never reads its tables.
        Map<Long, String> teamNames = rows.stream().anyMatch(r -> r.ownerTeamId() != null)
                ? teams.all().stream().collect(Collectors.toMap(TeamView::id, TeamView::name))
                : Map.of();
        return rows.stream()
                .map(r -> new ServiceView(
                        r.id(),
                        r.name(),
                        r.slug(),
                        r.description(),
                        r.ownerTeamId(),
                        r.ownerTeamId() == null ? null : teamNames.get(r.ownerTeamId()),
                        r.tier(),
                        List.copyOf(links.getOrDefault(r.id(), List.of())),
                        r.createdAt(),
                        r.updatedAt()))
                .toList();
    }

    private record Row(
            long id,
            String name,
            String slug,
            String description,
            Long ownerTeamId,
            int tier,
            Instant createdAt,
            Instant updatedAt) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getString("description"),
                rs.getObject("owner_team_id", Long.class),
                rs.getInt("tier"),
                Times.instant(rs, "created_at"),
                Times.instant(rs, "updated_at"));
    }
}
