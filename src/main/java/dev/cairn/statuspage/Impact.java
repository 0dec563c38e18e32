package dev.cairn.statuspage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Locale;

/**
 * How a component is affected. {@link #weight} is the share of the time that counts as down in
 * the uptime: a major outage fully, a partial outage half, degraded performance a tenth.
 */
public enum Impact {
    OPERATIONAL(0.0, "Operational"),
    DEGRADED(0.1, "Degraded performance"),
    PARTIAL_OUTAGE(0.5, "Partial outage"),
    MAJOR_OUTAGE(1.0, "Major outage");

    private final double weight;
    private final String label;

    Impact(double weight, String label) {
        this.weight = weight;
        this.label = label;
    }

    public double weight() {
        return weight;
    }

    public String label() {
        return label;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Impact worse(Impact other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    @JsonCreator
    public static Impact parse(String value) {
        for (Impact impact : values()) {
            if (impact.json().equals(value)) {
                return impact;
            }
        }
        throw new InvalidInputException("impact", "must be one of operational, degraded, partial_outage, major_outage");
    }
}
