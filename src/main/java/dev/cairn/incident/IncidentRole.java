package dev.cairn.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** Roles in an incident. The first three are held by one person at a time; experts by many. */
public enum IncidentRole {
    COMMANDER("Incident commander"),
    COMMUNICATIONS_LEAD("Communications lead"),
    SCRIBE("Scribe"),
    SUBJECT_MATTER_EXPERT("Subject-matter expert");

    private final String label;

    IncidentRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean single() {
        return this != SUBJECT_MATTER_EXPERT;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IncidentRole parse(String value) {
        for (IncidentRole role : values()) {
            if (role.json().equals(value)) {
                return role;
            }
        }
        throw new InvalidInputException(
                "role", "must be one of commander, communications_lead, scribe, subject_matter_expert");
    }
}
