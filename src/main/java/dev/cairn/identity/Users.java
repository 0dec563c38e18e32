package dev.cairn.identity;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import dev.cairn.shared.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who use Cairn. */
@Service
public class Users {

    private static final String COLUMNS = "id, email, name, time_zone, role, slack_id, active";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Audit audit;
    private final Clock clock;

    Users(JdbcClient jdbc, PasswordEncoder passwords, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<UserView> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(Users::map)
                .optional();
    }

    public UserView get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("User " + id));
    }

    /** The person's time zone (UTC when unknown), for showing and reading times in it. */
    public java.time.ZoneId zoneOf(long id) {
        return find(id).map(UserView::timeZone).map(java.time.ZoneId::of).orElse(java.time.ZoneOffset.UTC);
    }

    /** The active person whose profile carries this Slack member id, if exactly one does. */
    public Optional<UserView> findBySlackId(String slackId) {
        if (slackId == null || slackId.isBlank()) {
            return Optional.empty();
        }
        List<UserView> found = jdbc.sql("select " + COLUMNS + " from users where slack_id = ? and active = true")
                .param(slackId.strip())
                .query(Users::map)
                .list();
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    public Optional<UserView> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where email = ?")
                .param(email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT))
                .query(Users::map)
                .optional();
    }

    public Map<Long, UserView> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select " + COLUMNS + " from users where id in (:ids)")
                .param("ids", ids)
                .query(Users::map)
                .list()
                .stream()
                .collect(Collectors.toMap(UserView::id, Function.identity()));
    }

    /** Everyone active, by name: for pickers. */
    public List<UserView> active() {
        return jdbc.sql("select " + COLUMNS + " from users where active = true order by name")
                .query(Users::map)
                .list();
    }

    public CursorPage<UserView> page(String cursor, int limit) {
        List<UserView> rows = jdbc.sql("select " + COLUMNS + " from users where id < ? order by id desc limit ?")
                .params(CursorPage.decode(cursor), limit + 1)
                .query(Users::map)
                .list();
        return CursorPage.of(rows, limit, UserView::id);
    }

    public long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    /**
     * Creates a person. Without a password, one is generated and returned once; either way the
     * person must choose their own at first sign-in when an admin set it for them.
     */
    @Transactional
    public Created create(NewUser user, Actor actor) {
        Actors.requireAdmin(actor);
        String password = user.password() == null || user.password().isEmpty() ? generatePassword() : user.password();
        long id;
        try {
            id = Sql.insert(jdbc.sql("insert into users (email, name, time_zone, role, password_hash,"
                            + " must_change_password, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            user.email(),
                            user.name(),
                            user.timeZone(),
                            user.role().name(),
                            passwords.encode(password),
                            !actor.isSystem()
                                    || user.password() == null
                                    || user.password().isEmpty(),
                            db(clock.instant())));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A user with e-mail " + user.email() + " already exists");
        }
        audit.record(
                actor,
                "user.created",
                "user",
                id,
                "email=" + user.email() + " role=" + user.role().json());
        return new Created(get(id), user.password() == null || user.password().isEmpty() ? password : null);
    }

    /** A created user and, when Cairn chose it, the initial password to hand over once. */
    public record Created(UserView user, String generatedPassword) {}

    @Transactional
    public UserView update(
            long id, String name, String timeZone, Role role, String slackId, Boolean active, Actor actor) {
        boolean self = actor.userId() == id;
        if (!self || role != null || active != null) {
            Actors.requireAdmin(actor);
        }
        UserView current = get(id);
        if (actor.userId() == id && active != null && !active) {
            throw new ConflictException("You cannot deactivate yourself");
        }
        String newName = name == null ? current.name() : NewUser.checkName(name);
        String newZone = timeZone == null ? current.timeZone() : NewUser.checkTimeZone(timeZone);
        Role newRole = role == null ? current.role() : role;
        String newSlack = slackId == null ? current.slackId() : (slackId.isBlank() ? null : slackId.strip());
        boolean newActive = active == null ? current.active() : active;
        if (current.role() == Role.ADMIN && (newRole != Role.ADMIN || !newActive) && activeAdmins() <= 1) {
            throw new ConflictException("Cairn needs at least one active admin");
        }
        jdbc.sql("update users set name = ?, time_zone = ?, role = ?, slack_id = ?, active = ? where id = ?")
                .params(newName, newZone, newRole.name(), newSlack, newActive, id)
                .update();
        audit.record(actor, "user.updated", "user", id, "role=" + newRole.json() + " active=" + newActive);
        return get(id);
    }

    private long activeAdmins() {
        return jdbc.sql("select count(*) from users where role = 'ADMIN' and active = true")
                .query(Long.class)
                .single();
    }

    @Transactional
    public void changePassword(Actor actor, String currentPassword, String newPassword) {
        String hash = jdbc.sql("select password_hash from users where id = ?")
                .param(actor.userId())
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("User " + actor.userId()));
        if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        NewUser.checkPassword(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidInputException("newPassword", "must differ from the current password");
        }
        jdbc.sql("update users set password_hash = ?, must_change_password = false where id = ?")
                .params(passwords.encode(newPassword), actor.userId())
                .update();
        audit.record(actor, "user.password_changed", "user", actor.userId(), "");
    }

    public boolean mustChangePassword(long id) {
        return jdbc.sql("select must_change_password from users where id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    static String generatePassword() {
        return Secrets.random(15);
    }

    static UserView map(ResultSet rs, int n) throws SQLException {
        return new UserView(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("time_zone"),
                Role.valueOf(rs.getString("role")),
                rs.getString("slack_id"),
                rs.getBoolean("active"));
    }
}
