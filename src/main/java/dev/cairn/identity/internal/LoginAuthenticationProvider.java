package dev.cairn.identity.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Role;
import dev.cairn.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs people in with e-mail and password. After {@code cairn.login.max-failures} wrong passwords
 * in a row the account is locked for {@code cairn.login.lock-minutes}; the lock lives in the
 * database so every node enforces it.
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Audit audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final int maxFailures;
    private final Duration lock;
    private final String dummyHash;

    LoginAuthenticationProvider(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            Audit audit,
            Clock clock,
            TransactionTemplate tx,
            @Value("${cairn.login.max-failures:5}") int maxFailures,
            @Value("${cairn.login.lock-minutes:15}") int lockMinutes) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
        this.maxFailures = maxFailures;
        this.lock = Duration.ofMinutes(lockMinutes);
        this.dummyHash = passwords.encode("timing-equaliser-for-unknown-accounts");
    }

    record Account(
            long id,
            String email,
            String name,
            Role role,
            String hash,
            boolean active,
            int failures,
            Instant lockedUntil) {}

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getName()).strip().toLowerCase(Locale.ROOT);
        String password = String.valueOf(authentication.getCredentials());
        Optional<Account> found = jdbc.sql(
                        "select id, email, name, role, password_hash, active, failed_logins, locked_until"
                                + " from users where email = ?")
                .param(email)
                .query((rs, n) -> new Account(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getInt(7),
                        Times.instant(rs, "locked_until")))
                .optional();
        if (found.isEmpty() || found.get().hash() == null) {
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException("bad credentials");
        }
        Account account = found.get();
        Actor actor = new Actor(account.id(), account.email(), account.name(), account.role(), null);
        Instant now = clock.instant();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            throw new LockedException("locked");
        }
        if (!passwords.matches(password, account.hash())) {
            tx.executeWithoutResult(s -> recordFailure(account, actor, now));
            throw new BadCredentialsException("bad credentials");
        }
        if (!account.active()) {
            throw new DisabledException("disabled");
        }
        tx.executeWithoutResult(s -> {
            jdbc.sql("update users set failed_logins = 0, locked_until = null where id = ?")
                    .param(account.id())
                    .update();
            audit.record(actor, "login.succeeded", "user", account.id(), "");
        });
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, CairnAuthorities.of(actor));
    }

    private void recordFailure(Account account, Actor actor, Instant now) {
        int failures = account.failures() + 1;
        if (failures >= maxFailures) {
            jdbc.sql("update users set failed_logins = 0, locked_until = ? where id = ?")
                    .params(db(now.plus(lock)), account.id())
                    .update();
            audit.record(actor, "login.locked", "user", account.id(), "after " + failures + " failed attempts");
        } else {
            jdbc.sql("update users set failed_logins = ? where id = ?")
                    .params(failures, account.id())
                    .update();
            audit.record(actor, "login.failed", "user", account.id(), "attempt " + failures);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
