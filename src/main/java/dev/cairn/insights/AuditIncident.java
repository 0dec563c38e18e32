package dev.cairn.insights;

import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentType;
import java.time.Instant;
import java.util.stream.Collectors;

/** One incident as the audit report lists it: its facts, key times, review state and action items. */
public record AuditIncident(
        long id,
        String reference,
        String title,
        String severity,
        String type,
        boolean drill,
        boolean restricted,
        String status,
        String services,
        String commander,
        Instant impactStartedAt,
        Instant detectedAt,
        Instant declaredAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        String reviewState,
        String actionItems) {

    /** Said in the review columns until Cairn has reviews and action items. */
    public static final String REVIEWS_NOT_AVAILABLE = "reviews not yet available";

    public static AuditIncident of(Incident i) {
        return new AuditIncident(
                i.id(),
                i.reference(),
                i.title(),
                i.severity(),
                i.type().json(),
                i.type() == IncidentType.DRILL,
                i.type() == IncidentType.PRIVATE,
                i.status().json(),
                i.services().stream().map(Incident.ServiceRef::name).collect(Collectors.joining("; ")),
                i.nameFor(IncidentRole.COMMANDER),
                i.impactStartedAt(),
                i.detectedAt(),
                i.declaredAt(),
                i.acknowledgedAt(),
                i.mitigatedAt(),
                i.resolvedAt(),
                i.closedAt(),
                REVIEWS_NOT_AVAILABLE,
                REVIEWS_NOT_AVAILABLE);
    }
}
