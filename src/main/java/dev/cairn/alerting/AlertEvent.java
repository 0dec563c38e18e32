package dev.cairn.alerting;

import java.util.Map;

/**
 * One alert as read from a payload, whatever its source: what to do with the group of its dedup
 * key, what to show, and the fields routing rules match on.
 */
public record AlertEvent(
        Action action,
        String dedupKey,
        String title,
        String severity,
        String source,
        String details,
        String raw,
        Map<String, String> fields) {

    public enum Action {
        TRIGGER,
        ACKNOWLEDGE,
        RESOLVE
    }

    public static final int MAX_DEDUP_KEY = 255;
    public static final int MAX_TITLE = 1024;

    public AlertEvent {
        if (dedupKey == null || dedupKey.isBlank()) {
            throw new PayloadException("dedup_key", "is missing");
        }
        if (dedupKey.length() > MAX_DEDUP_KEY) {
            throw new PayloadException("dedup_key", "must be at most " + MAX_DEDUP_KEY + " characters");
        }
        title = title == null || title.isBlank() ? dedupKey : truncate(title.strip(), MAX_TITLE);
        severity = severity == null ? null : truncate(severity.strip(), 32);
        source = source == null ? null : truncate(source.strip(), 255);
        details = details == null ? null : truncate(details, 8000);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
