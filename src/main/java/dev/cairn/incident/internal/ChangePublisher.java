package dev.cairn.incident.internal;

import dev.cairn.identity.Actor;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.IncidentChanged;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The one place incident changes are announced, inside the changing transaction. */
@Component
public class ChangePublisher {

    private final ApplicationEventPublisher events;

    ChangePublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void publish(long id, Actor actor, Instant at, ChangeKind kind, String text, Map<String, String> data) {
        events.publishEvent(new IncidentChanged(id, actor, at, kind, text, data));
    }

    /**
     * Changes held back until the incident row is written, so a listener that reads the incident
     * sees the change it is told about (not the row as it was before).
     */
    public Deferred defer() {
        return new Deferred();
    }

    public final class Deferred {
        private final java.util.List<IncidentChanged> held = new java.util.ArrayList<>();

        public void publish(long id, Actor actor, Instant at, ChangeKind kind, String text, Map<String, String> data) {
            held.add(new IncidentChanged(id, actor, at, kind, text, data));
        }

        /** Publishes what was held, in order; call once the row is stored. */
        public void flush() {
            held.forEach(events::publishEvent);
            held.clear();
        }
    }
}
