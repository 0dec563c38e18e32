package dev.cairn.escalation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** Triggered pages escalate; acknowledged and resolved ones have stopped. */
public enum PageStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PageStatus parse(String value) {
        for (PageStatus s : values()) {
            if (s.json().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new InvalidInputException("status", "must be one of triggered, acknowledged, resolved");
    }
}
