package dev.cairn.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle: investigating → identified → monitoring → resolved, moving back and forth while
 * the incident is open; a resolved incident can be reopened, or closed once its follow-up is done.
 * A closed incident is final.
 */
public enum IncidentStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED,
    CLOSED;

    public Set<IncidentStatus> next() {
        return switch (this) {
            case INVESTIGATING -> EnumSet.of(IDENTIFIED, MONITORING, RESOLVED);
            case IDENTIFIED -> EnumSet.of(INVESTIGATING, MONITORING, RESOLVED);
            case MONITORING -> EnumSet.of(INVESTIGATING, IDENTIFIED, RESOLVED);
            case RESOLVED -> EnumSet.of(INVESTIGATING, IDENTIFIED, MONITORING, CLOSED);
            case CLOSED -> EnumSet.noneOf(IncidentStatus.class);
        };
    }

    public boolean canMoveTo(IncidentStatus target) {
        return next().contains(target);
    }

    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IncidentStatus parse(String value) {
        for (IncidentStatus status : values()) {
            if (status.json().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException(
                "status", "must be one of investigating, identified, monitoring, resolved, closed");
    }
}
