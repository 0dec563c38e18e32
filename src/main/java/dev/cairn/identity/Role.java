package dev.cairn.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** What a person may do: admins manage Cairn, responders declare and work incidents, viewers read. */
public enum Role {
    ADMIN,
    RESPONDER,
    VIEWER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        return Arrays.stream(values())
                .filter(r -> r.json().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("role", "must be one of admin, responder, viewer"));
    }
}
