package dev.cairn.incident.internal;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.internal.IncidentStore.Row;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.NotFoundException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may see and change an incident. A private incident is invisible to non-members: they get
 * "not found", never "forbidden", so its existence does not leak.
 */
@Component
public class IncidentGuard {

    private final IncidentStore store;

    IncidentGuard(IncidentStore store) {
        this.store = store;
    }

    public Optional<Row> visibleRow(long id, Actor actor) {
        return store.row(id).filter(row -> visible(row, actor));
    }

    /** Locks the incident for the rest of the transaction, once the actor may change it. */
    public Row lockForChange(long id, Actor actor) {
        Row row = store.lock(id).filter(r -> visible(r, actor)).orElseThrow(() -> notFound(id));
        if (row.status() == IncidentStatus.CLOSED && !actor.isAdmin()) {
            throw new ConflictException(Incident.reference(id) + " is closed; only an admin can change it");
        }
        return row;
    }

    public boolean visible(Row row, Actor actor) {
        return row.type() != IncidentType.PRIVATE || actor.isAdmin() || store.isMember(row.id(), actor.userId());
    }

    public static NotFoundException notFound(long id) {
        return new NotFoundException("Incident " + Incident.reference(id));
    }
}
