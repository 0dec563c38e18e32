package dev.cairn.timeline.internal;

import dev.cairn.incident.IncidentTextSearch;
import dev.cairn.shared.DatabaseDialect;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Search over timeline text for the incident list: full-text on PostgreSQL, LIKE on H2. */
@Component
class TimelineSearch implements IncidentTextSearch {

    private final TimelineStore store;
    private final DatabaseDialect dialect;

    TimelineSearch(TimelineStore store, DatabaseDialect dialect) {
        this.store = store;
        this.dialect = dialect;
    }

    @Override
    public Set<Long> incidentsMentioning(String query, int limit) {
        return new LinkedHashSet<>(
                dialect.postgres() ? store.searchPostgres(query, limit) : store.searchLike(query, limit));
    }
}
