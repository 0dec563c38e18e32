package dev.cairn.guidance;

import dev.cairn.incident.IncidentRole;
import java.time.Instant;

/** An incident's checklist item; {@code severity} or {@code role} says which list it came from. */
public record IncidentChecklistItem(
        long id,
        String severity,
        IncidentRole role,
        String text,
        Instant addedAt,
        Instant tickedAt,
        Long tickedBy,
        String tickedByName) {

    public boolean ticked() {
        return tickedAt != null;
    }
}
