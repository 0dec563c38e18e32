package dev.cairn.support;

import dev.cairn.identity.Actor;
import dev.cairn.identity.ApiTokens;
import dev.cairn.identity.NewUser;
import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;
import dev.cairn.identity.Users;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the flow tests: the whole application on a random port, on the suite's database
 * (PostgreSQL in CI), with a clock the test moves. Tests create their own users with unique
 * e-mails, so they can share one database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.admin-email=admin@cairn.test",
            "cairn.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
            "cairn.bootstrap-api-token=" + IntegrationTest.ADMIN_TOKEN,
            "spring.thymeleaf.cache=false",
            // Several cached application contexts share one PostgreSQL (100 connections in all).
            "cairn.jobs.threads=8",
            "spring.datasource.hikari.maximum-pool-size=12",
            "spring.datasource.hikari.minimum-idle=2"
        })
@Import(TestClock.class)
public abstract class IntegrationTest {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String ADMIN_TOKEN = "cairn_test_admin_token_0123456789";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected Users users;

    @Autowired
    protected ApiTokens tokens;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.selected().forEach((k, v) -> registry.add(k, () -> v));
        // E-mail goes to the JVM's GreenMail in every context, so notification tests need no context of their own.
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
    }

    protected Api api(String token) {
        return new Api("http://localhost:" + port, token);
    }

    protected Api admin() {
        return api(ADMIN_TOKEN);
    }

    /** A new person with the given role and a write (or read) token of theirs. */
    protected Person person(Role role, TokenScope scope) {
        String email = role.json() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@cairn.test";
        var created = users.create(
                new NewUser(email, "Test " + role.json(), "Europe/Paris", role, "password-for-" + email), Actor.SYSTEM);
        var user = created.user();
        Actor actor = new Actor(user.id(), user.email(), user.name(), user.role(), null);
        String token = tokens.create(actor, "test", scope).secret();
        return new Person(user.id(), email, "password-for-" + email, token, api(token));
    }

    protected Person person(Role role) {
        return person(role, TokenScope.WRITE);
    }

    public record Person(long id, String email, String password, String token, Api api) {}

    protected Clock clock() {
        return clock;
    }
}
