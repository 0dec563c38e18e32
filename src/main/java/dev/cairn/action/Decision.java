package dev.cairn.action;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** What was decided about a proposed action: nothing yet, do it, don't, or come back to it later. */
public enum Decision {
    PROPOSED("proposed"),
    DO("do"),
    WONT_DO("won't do"),
    LATER("later");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static Decision parse(String value, String field) {
        for (Decision decision : values()) {
            if (decision.json().equals(value)) {
                return decision;
            }
        }
        throw new InvalidInputException(field, "must be one of proposed, do, wont_do, later");
    }
}
