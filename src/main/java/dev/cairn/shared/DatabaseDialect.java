package dev.cairn.shared;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Which database Cairn runs on, for the few features only PostgreSQL has. */
@Component
public class DatabaseDialect {

    private final boolean postgres;

    DatabaseDialect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        }
    }

    public boolean postgres() {
        return postgres;
    }
}
