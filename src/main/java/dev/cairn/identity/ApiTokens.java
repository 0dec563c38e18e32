package dev.cairn.identity;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: shown once when created, stored as a SHA-256 hash (the tokens are long random
 * strings, so a fast hash is enough and keeps every API call cheap), scoped read or write, and
 * revocable.
 */
@Service
public class ApiTokens {

    private static final String PREFIX = "cairn_";

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token and its secret, which is never shown again. */
    public record Created(ApiTokenView token, String secret) {}

    @Transactional
    public Created create(Actor actor, String name, TokenScope scope) {
        // A read-only token must not mint itself a token that can write.
        if (actor.scope() == TokenScope.READ) {
            throw new ForbiddenException("This token may only read");
        }
        String secret = PREFIX + Secrets.random(32);
        return store(actor, actor.userId(), name, scope, secret);
    }

    /** The token an operator chose with CAIRN_BOOTSTRAP_API_TOKEN, for the first admin. */
    @Transactional
    public ApiTokenView createWithSecret(long userId, String name, TokenScope scope, String secret) {
        if (secret.length() < 20) {
            throw new InvalidInputException("CAIRN_BOOTSTRAP_API_TOKEN", "must be at least 20 characters");
        }
        return store(Actor.SYSTEM, userId, name, scope, secret).token();
    }

    private Created store(Actor actor, long userId, String name, TokenScope scope, String secret) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        if (scope == null) {
            throw new InvalidInputException("scope", "must be read or write");
        }
        long id =
                Sql.insert(jdbc.sql("insert into api_tokens (user_id, name, token_hash, token_hint, scope, created_at)"
                                + " values (?, ?, ?, ?, ?, ?)")
                        .params(
                                userId,
                                name.strip(),
                                hash(secret),
                                secret.substring(secret.length() - 4),
                                scope.name(),
                                db(clock.instant())));
        audit.record(actor, "token.created", "api_token", id, "name=" + name.strip() + " scope=" + scope.json());
        return new Created(get(id), secret);
    }

    public List<ApiTokenView> of(long userId) {
        return jdbc.sql("select * from api_tokens where user_id = ? order by id desc")
                .param(userId)
                .query((rs, n) -> map(rs))
                .list();
    }

    public CursorPage<ApiTokenView> page(long userId, String cursor, int limit) {
        List<ApiTokenView> rows = jdbc.sql(
                        "select * from api_tokens where user_id = ? and id < ? order by id desc limit ?")
                .params(userId, CursorPage.decode(cursor), limit + 1)
                .query((rs, n) -> map(rs))
                .list();
        return CursorPage.of(rows, limit, ApiTokenView::id);
    }

    public ApiTokenView get(long id) {
        return jdbc.sql("select * from api_tokens where id = ?")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Token " + id));
    }

    @Transactional
    public ApiTokenView revoke(Actor actor, long id) {
        ApiTokenView token = get(id);
        if (token.userId() != actor.userId() && !actor.isAdmin()) {
            throw new NotFoundException("Token " + id);
        }
        if (actor.scope() == TokenScope.READ) {
            throw new ForbiddenException("This token may only read");
        }
        if (!token.active()) {
            throw new ConflictException("Token " + id + " is already revoked");
        }
        jdbc.sql("update api_tokens set revoked_at = ? where id = ?")
                .params(db(clock.instant()), id)
                .update();
        audit.record(actor, "token.revoked", "api_token", id, "name=" + token.name());
        return get(id);
    }

    /** The actor a presented token stands for, if it is known, not revoked and its owner active. */
    public Optional<Actor> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        record Row(long tokenId, long userId, String email, String name, String role, String scope, Instant lastUsed) {}
        Optional<Row> row = jdbc.sql("select t.id, t.user_id, u.email, u.name, u.role, t.scope, t.last_used_at"
                        + " from api_tokens t join users u on u.id = t.user_id"
                        + " where t.token_hash = ? and t.revoked_at is null and u.active = true")
                .param(hash(secret))
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        Times.instant(rs, "last_used_at")))
                .optional();
        row.ifPresent(r -> {
            Instant now = clock.instant();
            // Written at most once a minute: a busy automation must not turn every read into a write.
            if (r.lastUsed() == null || Duration.between(r.lastUsed(), now).toMinutes() >= 1) {
                jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
                        .params(db(now), r.tokenId())
                        .update();
            }
        });
        return row.map(
                r -> new Actor(r.userId(), r.email(), r.name(), Role.valueOf(r.role()), TokenScope.valueOf(r.scope())));
    }

    static String hash(String secret) {
        return Secrets.sha256(secret);
    }

    private static ApiTokenView map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiTokenView(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("name"),
                rs.getString("token_hint"),
                TokenScope.valueOf(rs.getString("scope")),
                Times.instant(rs, "created_at"),
                Times.instant(rs, "last_used_at"),
                Times.instant(rs, "revoked_at"));
    }
}
