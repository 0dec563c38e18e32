package dev.cairn.alerting;

import dev.cairn.shared.InvalidInputException;
import java.util.List;

/**
 * How a generic JSON webhook's payload maps to an alert: JSON pointers (RFC 6901) to the title,
 * the dedup key, the severity and the status, and the status values that mean "resolved".
 */
public record GenericMapping(
        String title, String dedupKey, String severity, String status, List<String> resolvedValues) {

    public GenericMapping {
        title = pointer("mapping.title", title, true);
        dedupKey = pointer("mapping.dedupKey", dedupKey, true);
        severity = pointer("mapping.severity", severity, false);
        status = pointer("mapping.status", status, false);
        resolvedValues = resolvedValues == null || resolvedValues.isEmpty()
                ? List.of("resolved", "ok", "closed", "recovered")
                : List.copyOf(resolvedValues.stream().map(String::strip).toList());
    }

    private static String pointer(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInputException(field, "is required (a JSON pointer such as /title)");
            }
            return null;
        }
        if (!value.startsWith("/") || value.length() > 200) {
            throw new InvalidInputException(field, "must be a JSON pointer starting with / (e.g. /alert/title)");
        }
        return value;
    }
}
