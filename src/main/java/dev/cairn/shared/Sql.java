package dev.cairn.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Small SQL helpers that read the same on PostgreSQL and H2. */
public final class Sql {

    private Sql() {}

    /** Runs an insert into a table with an identity column {@code id} and returns the new id. */
    public static long insert(JdbcClient.StatementSpec insert) {
        KeyHolder keys = new GeneratedKeyHolder();
        insert.update(keys, "id");
        Number id = keys.getKeyAs(Number.class);
        if (id == null) {
            throw new IllegalStateException("insert returned no id");
        }
        return id.longValue();
    }
}
