package dev.cairn.escalation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** Whom a step pages: a person, whoever is on call on a schedule at that moment, or every member of a team. */
public enum TargetKind {
    USER,
    SCHEDULE,
    TEAM;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetKind parse(String value, String field) {
        if (value != null) {
            for (TargetKind kind : values()) {
                if (kind.json().equalsIgnoreCase(value.strip())) {
                    return kind;
                }
            }
        }
        throw new InvalidInputException(field, "must be one of user, schedule, team");
    }
}
