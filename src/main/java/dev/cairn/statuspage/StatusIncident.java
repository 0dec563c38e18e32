package dev.cairn.statuspage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The public face of an internal incident: only the wording written for the public. {@code
 * incidentId} is for Cairn users (API, the room) and is never shown on the public page.
 */
public record StatusIncident(
        long id,
        long incidentId,
        String title,
        PublicStatus status,
        Instant startedAt,
        Instant resolvedAt,
        Instant updatedAt,
        List<Update> updates) {

    /** One public update, newest first in {@link #updates}; impacts hold from its time on. */
    public record Update(long id, PublicStatus status, String message, Instant at, Map<Long, Impact> impacts) {}

    public Update latest() {
        return updates.getFirst();
    }

    public boolean active() {
        return status != PublicStatus.RESOLVED;
    }

    /** A component's impact as of the latest update (operational once resolved). */
    public Impact impactOn(long componentId) {
        return active() ? latest().impacts().getOrDefault(componentId, Impact.OPERATIONAL) : Impact.OPERATIONAL;
    }

    /** What a writer sends to publish an internal incident. */
    public record Publish(Long incidentId, String title, String message, String status, Map<String, String> impacts) {}

    /** What a writer sends to post a public update; a null title or impacts keep the current ones. */
    public record Post(String title, String message, String status, Map<String, String> impacts) {}
}
