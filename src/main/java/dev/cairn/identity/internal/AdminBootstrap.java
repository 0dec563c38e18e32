package dev.cairn.identity.internal;

import dev.cairn.identity.Actor;
import dev.cairn.identity.ApiTokens;
import dev.cairn.identity.NewUser;
import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;
import dev.cairn.identity.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start on an empty database: creates the first admin. Its password comes from
 * CAIRN_ADMIN_PASSWORD, or is generated and printed once in the log as a one-time password that
 * must be changed at first sign-in. CAIRN_BOOTSTRAP_API_TOKEN, if set, becomes an admin API token
 * with exactly that value, so automation can talk to a new instance without clicking.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final ApiTokens tokens;
    private final String email;
    private final String password;
    private final String bootstrapToken;

    AdminBootstrap(
            Users users,
            ApiTokens tokens,
            @Value("${cairn.admin-email:admin@cairn.local}") String email,
            @Value("${cairn.admin-password:}") String password,
            @Value("${cairn.bootstrap-api-token:}") String bootstrapToken) {
        this.users = users;
        this.tokens = tokens;
        this.email = email;
        this.password = password;
        this.bootstrapToken = bootstrapToken;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        Users.Created admin =
                users.create(new NewUser(email, "Administrator", "UTC", Role.ADMIN, password), Actor.SYSTEM);
        if (admin.generatedPassword() != null) {
            // The one secret Cairn ever prints: the first admin's one-time password, once, on an
            // empty database. It must be changed at first sign-in.
            log.warn(
                    "event=first_admin_created email={} one_time_password={} (change it at first sign-in;"
                            + " set CAIRN_ADMIN_PASSWORD to choose it)",
                    admin.user().email(),
                    admin.generatedPassword());
        } else {
            log.info(
                    "event=first_admin_created email={} password=from CAIRN_ADMIN_PASSWORD",
                    admin.user().email());
        }
        if (!bootstrapToken.isBlank()) {
            tokens.createWithSecret(
                    admin.user().id(),
                    "bootstrap (CAIRN_BOOTSTRAP_API_TOKEN)",
                    TokenScope.WRITE,
                    bootstrapToken.strip());
            log.info("event=bootstrap_token_created owner={}", admin.user().email());
        }
    }
}
