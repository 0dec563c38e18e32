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
}
