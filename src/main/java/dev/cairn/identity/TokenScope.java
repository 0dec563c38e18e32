package dev.cairn.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** What an API token may do on top of its owner's role: only read, or read and write. */
public enum TokenScope {
    READ,
    WRITE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TokenScope parse(String value) {
        for (TokenScope scope : values()) {
            if (scope.json().equals(value)) {
                return scope;
            }
        }
        throw new InvalidInputException("scope", "must be read or write");
    }
}
