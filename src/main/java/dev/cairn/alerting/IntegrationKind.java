package dev.cairn.alerting;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/** Where alerts come from, which decides how their payloads are read. */
public enum IntegrationKind {
    ALERTMANAGER,
    GRAFANA,
    PAGERDUTY,
    GENERIC;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IntegrationKind parse(String value) {
        for (IntegrationKind kind : values()) {
            if (kind.json().equals(value)) {
                return kind;
            }
        }
        throw new InvalidInputException("kind", "must be one of alertmanager, grafana, pagerduty, generic");
    }
}
