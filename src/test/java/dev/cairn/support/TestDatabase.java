package dev.cairn.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The database the suite runs on. By default a fresh PostgreSQL database per test JVM (CI and the
 * machines Cairn is developed on run PostgreSQL on 127.0.0.1:5432); with {@code
 * -Dcairn.test.db=h2} an in-memory H2 database instead. Tests that must run on one of them ask for
 * it by name.
 */
public final class TestDatabase {

    private static final String PG_BASE = env("CAIRN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String PG_USER = env("CAIRN_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("CAIRN_TEST_PG_PASSWORD", "");
    private static volatile String sharedPostgres;

    private TestDatabase() {}

    public static boolean postgresSelected() {
        return !"h2".equalsIgnoreCase(System.getProperty("cairn.test.db", "postgres"));
    }

    /** Datasource properties for the selected database, shared by the whole test JVM. */
    public static Map<String, String> selected() {
        return postgresSelected() ? shared() : h2("cairn-" + UUID.randomUUID());
    }

    public static synchronized Map<String, String> shared() {
        if (sharedPostgres == null) {
            sharedPostgres = createPostgres(
                    "cairn_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000);
        }
        return pg(sharedPostgres);
    }

    /** A database of its own, e.g. for the two-node test. */
    public static Map<String, String> freshPostgres(String label) {
        return pg(createPostgres(
                "cairn_" + label + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000));
    }

    public static Map<String, String> h2(String name) {
        return Map.of(
                "spring.datasource.url",
                "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.datasource.username",
                "sa",
                "spring.datasource.password",
                "");
    }

    private static Map<String, String> pg(String database) {
        return Map.of(
                "spring.datasource.url", PG_BASE + database,
                "spring.datasource.username", PG_USER,
                "spring.datasource.password", PG_PASSWORD);
    }

    private static String createPostgres(String name) {
        try (Connection c = DriverManager.getConnection(PG_BASE + "postgres", PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The test suite needs PostgreSQL at " + PG_BASE + " (user " + PG_USER
                            + "), or run it on H2 with -Dcairn.test.db=h2: " + e.getMessage(),
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return name;
    }

    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(PG_BASE + "postgres", PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException ignored) {
            // Best effort: a database left behind is harmless and named for this run.
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
