package dev.cairn.insights.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.IncidentChanged;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks an incident for the next refresh whenever it changes (status, times, roles, people,
 * services), inside the changing transaction, so a committed change is never missed.
 */
@Component
class DirtyMarks {

    private final JdbcClient jdbc;
    private final Clock clock;

    DirtyMarks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(IncidentChanged change) {
        if (change.kind() == ChangeKind.TITLE || change.kind() == ChangeKind.SUMMARY) {
            return; // nothing the facts hold
        }
        jdbc.sql("insert into insights_dirty (incident_id, marked_at) values (?, ?) on conflict do nothing")
                .params(change.incidentId(), db(clock.instant()))
                .update();
    }
}
