package dev.cairn.incident;

import dev.cairn.identity.Actor;
import java.time.Instant;
import java.util.Map;

/**
 * Something about an incident changed. Published inside the changing transaction, so listeners
 * that write (the timeline) commit or roll back with the change.
 */
public record IncidentChanged(
        long incidentId, Actor actor, Instant at, ChangeKind kind, String text, Map<String, String> data) {}
