package dev.cairn.identity;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Sql;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and who belongs to them. */
@Service
public class Teams {

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;

    Teams(JdbcClient jdbc, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<TeamView> all() {
        return teams("", Map.of());
    }

    public Optional<TeamView> find(long id) {
        return teams(" where t.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Teams and their members in two queries, whatever the number of teams. */
    private List<TeamView> teams(String where, Map<String, Object> params) {
        record Row(long id, String name, String slug, String description) {}
        List<Row> teams = jdbc.sql(
                        "select t.id, t.name, t.slug, t.description from teams t" + where + " order by t.name")
                .params(params)
                .query(Row.class)
                .list();
        Map<Long, List<UserView>> members = new LinkedHashMap<>();
        jdbc.sql("select m.team_id, u.id, u.email, u.name, u.time_zone, u.role, u.slack_id, u.active"
                        + " from team_members m join users u on u.id = m.user_id join teams t on t.id = m.team_id"
                        + where + " order by u.name")
                .params(params)
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong("team_id"), k -> new ArrayList<>())
                            .add(Users.map(rs, 0));
                });
        return teams.stream()
                .map(t -> new TeamView(
                        t.id(), t.name(), t.slug(), t.description(), members.getOrDefault(t.id(), List.of())))
                .toList();
    }

    public TeamView get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Team " + id));
    }

    /** Teams newest first, by cursor; there are few teams, so they are paged from {@link #all()}. */
    public CursorPage<TeamView> page(String cursor, int limit) {
        long below = CursorPage.decode(cursor);
        List<TeamView> rows = all().stream()
                .filter(t -> t.id() < below)
                .sorted(Comparator.comparingLong(TeamView::id).reversed())
                .limit(limit + 1L)
                .toList();
        return CursorPage.of(rows, limit, TeamView::id);
    }

    public List<Long> teamIdsOf(long userId) {
        return jdbc.sql("select team_id from team_members where user_id = ?")
                .param(userId)
                .query(Long.class)
                .list();
    }

    @Transactional
    public TeamView create(String name, String description, Actor actor) {
        Actors.requireAdmin(actor);
        String cleanName = checkName(name);
        long id;
        try {
            id = Sql.insert(jdbc.sql("insert into teams (name, slug, description, created_at) values (?, ?, ?, ?)")
                    .params(
                            cleanName,
                            slug(cleanName),
                            description == null ? "" : description.strip(),
                            db(clock.instant())));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A team named " + cleanName + " already exists");
        }
        audit.record(actor, "team.created", "team", id, "name=" + cleanName);
        return get(id);
    }

    @Transactional
    public TeamView update(long id, String name, String description, Actor actor) {
        Actors.requireAdmin(actor);
        TeamView current = get(id);
        String cleanName = name == null ? current.name() : checkName(name);
        try {
            jdbc.sql("update teams set name = ?, slug = ?, description = ? where id = ?")
                    .params(
                            cleanName,
                            slug(cleanName),
                            description == null ? current.description() : description.strip(),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A team named " + cleanName + " already exists");
        }
        audit.record(actor, "team.updated", "team", id, "name=" + cleanName);
        return get(id);
    }

    @Transactional
    public TeamView addMember(long teamId, long userId, Actor actor) {
        Actors.requireAdmin(actor);
        get(teamId);
        try {
            jdbc.sql("insert into team_members (team_id, user_id) values (?, ?) on conflict do nothing")
                    .params(teamId, userId)
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw new NotFoundException("User " + userId);
        }
        audit.record(actor, "team.member_added", "team", teamId, "user=" + userId);
        return get(teamId);
    }

    @Transactional
    public TeamView removeMember(long teamId, long userId, Actor actor) {
        Actors.requireAdmin(actor);
        get(teamId);
        jdbc.sql("delete from team_members where team_id = ? and user_id = ?")
                .params(teamId, userId)
                .update();
        audit.record(actor, "team.member_removed", "team", teamId, "user=" + userId);
        return get(teamId);
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        if (slug(name).isEmpty()) {
            throw new InvalidInputException("name", "must contain a letter or digit");
        }
        return name.strip();
    }

    /** A URL-safe name: lower case ASCII letters, digits and dashes. */
    public static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 100 ? slug.substring(0, 100) : slug;
    }
}
