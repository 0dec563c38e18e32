package dev.cairn.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/**
 * A real incident, a drill (game days, chaos experiments: kept out of statistics), or a private
 * incident that only its members and admins can see.
 */
public enum IncidentType {
    DEFAULT,
    DRILL,
    PRIVATE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IncidentType parse(String value) {
        for (IncidentType type : values()) {
            if (type.json().equals(value)) {
                return type;
            }
        }
        throw new InvalidInputException("type", "must be one of default, drill, private");
    }
}
