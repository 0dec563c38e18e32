package dev.cairn.insights;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns incident ids from the facts into incidents the reader may see: a private incident is
 * listed only to its members and admins, through the incident module's own guard.
 */
@Component
public class Visible {

    public static final int LIST_LIMIT = 200;

    private final Incidents incidents;

    Visible(Incidents incidents) {
        this.incidents = incidents;
    }

    public List<Incident> incidents(List<Long> ids, Actor reader) {
        return incidents.findAll(ids, LIST_LIMIT, reader);
    }
}
