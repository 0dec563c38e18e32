package dev.cairn.incident;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;

/** What it takes to declare an incident; checked on construction. */
public record DeclareIncident(
        String title,
        String summary,
        String severity,
        IncidentType type,
        List<Long> serviceIds,
        Instant impactStartedAt,
        Instant detectedAt) {

    public DeclareIncident {
        title = IncidentUpdate.checkTitle(title);
        summary = IncidentUpdate.checkSummary(summary == null ? "" : summary);
        if (severity == null || severity.isBlank()) {
            throw new InvalidInputException("severity", "is required");
        }
        severity = severity.strip().toUpperCase(java.util.Locale.ROOT);
        type = type == null ? IncidentType.DEFAULT : type;
        serviceIds = serviceIds == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(serviceIds));
    }
}
