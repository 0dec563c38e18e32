package dev.cairn.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An incident as modules, pages and the API see it. */
public record Incident(
        long id,
        String reference,
        String title,
        String summary,
        String severity,
        IncidentStatus status,
        IncidentType type,
        Long createdBy,
        Instant impactStartedAt,
        Instant detectedAt,
        Instant declaredAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        Instant updatedAt,
        List<ServiceRef> services,
        List<RoleHolder> roles) {

    public static String reference(long id) {
        return "INC-" + id;
    }

    /** An affected service. */
    public record ServiceRef(long id, String name) {}

    /** Someone holding a role in the incident. */
    public record RoleHolder(IncidentRole role, long userId, String name, Instant assignedAt) {}

    public Optional<RoleHolder> holder(IncidentRole role) {
        return roles.stream().filter(r -> r.role() == role).findFirst();
    }

    /** The name of whoever holds a single role, or null: for pages. */
    public String nameFor(IncidentRole role) {
        return holder(role).map(RoleHolder::name).orElse(null);
    }

    @JsonIgnore
    public List<RoleHolder> experts() {
        return roles.stream()
                .filter(r -> r.role() == IncidentRole.SUBJECT_MATTER_EXPERT)
                .toList();
    }

    /** How long the incident has run: from impact (or declaration) to resolution (or now). */
    public Duration duration(Instant now) {
        Instant start = impactStartedAt != null && impactStartedAt.isBefore(declaredAt) ? impactStartedAt : declaredAt;
        Instant end = resolvedAt != null ? resolvedAt : now;
        return end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
    }
}
