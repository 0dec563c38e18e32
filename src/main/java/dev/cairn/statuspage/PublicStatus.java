package dev.cairn.statuspage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** The status a status page incident shows the public (its own, not the internal incident's). */
public enum PublicStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PublicStatus parse(String value) {
        for (PublicStatus status : values()) {
            if (status.json().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException("status", "must be one of investigating, identified, monitoring, resolved");
    }
}
