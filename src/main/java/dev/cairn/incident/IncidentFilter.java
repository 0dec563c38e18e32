package dev.cairn.incident;

import java.time.Instant;
import java.util.Set;

/** Filters of the incident list; empty sets and nulls mean "any". */
public record IncidentFilter(
        Set<IncidentStatus> statuses,
        Set<String> severities,
        Long serviceId,
        Set<IncidentType> types,
        Instant from,
        Instant to,
        String query) {

    public IncidentFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        types = types == null ? Set.of() : Set.copyOf(types);
        query = query == null || query.isBlank() ? null : query.strip();
    }

    public static IncidentFilter none() {
        return new IncidentFilter(null, null, null, null, null, null, null);
    }
}
