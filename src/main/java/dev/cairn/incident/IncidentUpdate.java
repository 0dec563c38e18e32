package dev.cairn.incident;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A partial change of an incident: every field is optional (null = unchanged). */
public record IncidentUpdate(
        String title,
        String summary,
        String severity,
        IncidentStatus status,
        IncidentType type,
        List<Long> serviceIds,
        Map<Milestone, Instant> timestamps) {

    public IncidentUpdate {
        title = title == null ? null : checkTitle(title);
        summary = summary == null ? null : checkSummary(summary);
        severity = severity == null ? null : severity.strip().toUpperCase(java.util.Locale.ROOT);
        serviceIds = serviceIds == null
                ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(serviceIds));
        timestamps = timestamps == null || timestamps.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(timestamps));
    }

    public static IncidentUpdate status(IncidentStatus status) {
        return new IncidentUpdate(null, null, null, status, null, null, null);
    }

    public static IncidentUpdate severity(String severity) {
        return new IncidentUpdate(null, null, severity, null, null, null, null);
    }

    static String checkTitle(String title) {
        if (title == null || title.isBlank() || title.strip().length() > 200) {
            throw new InvalidInputException("title", "must be 1 to 200 characters");
        }
        return title.strip();
    }

    static String checkSummary(String summary) {
        if (summary.length() > 10000) {
            throw new InvalidInputException("summary", "must be at most 10000 characters");
        }
        return summary.strip();
    }

    /** A short account of what the change touches, for the audit log. */
    public String describe() {
        IncidentUpdate change = this;
        return Stream.of(
                        change.title() == null ? null : "title",
                        change.summary() == null ? null : "summary",
                        change.severity() == null ? null : "severity=" + change.severity(),
                        change.status() == null
                                ? null
                                : "status=" + change.status().json(),
                        change.type() == null ? null : "type=" + change.type().json(),
                        change.serviceIds() == null ? null : "services=" + change.serviceIds(),
                        change.timestamps().isEmpty()
                                ? null
                                : "timestamps="
                                        + change.timestamps().keySet().stream()
                                                .map(Milestone::field)
                                                .toList())
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.joining(" "));
    }
}
