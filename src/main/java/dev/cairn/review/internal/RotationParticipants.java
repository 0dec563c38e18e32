package dev.cairn.review.internal;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.Participant;
import dev.cairn.timeline.Timeline;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Everyone who took part in an incident: whoever was in the room, held a role, declared it or wrote
 * on its timeline. The rotation never picks them; surveys and interviews are for them.
 */
@Component
public class RotationParticipants {

    private final IncidentPeople people;
    private final Timeline timeline;

    RotationParticipants(IncidentPeople people, Timeline timeline) {
        this.people = people;
        this.timeline = timeline;
    }

    public Set<Long> of(Incident incident) {
        Set<Long> ids = new LinkedHashSet<>();
        if (incident.createdBy() != null) {
            ids.add(incident.createdBy());
        }
        people.participants(incident.id(), Actor.SYSTEM).stream()
                .map(Participant::userId)
                .forEach(ids::add);
        incident.roles().forEach(r -> ids.add(r.userId()));
        // Every author, not only those among the room's first 5,000 entries.
        ids.addAll(timeline.authors(incident.id(), Actor.SYSTEM));
        ids.remove(0L);
        return ids;
    }
}
