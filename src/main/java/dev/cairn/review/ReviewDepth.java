package dev.cairn.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How deep a review goes: what its page asks for. */
public enum ReviewDepth {
    /** Interviews and a survey beside the written review. */
    FULL("Full review with interviews and survey"),
    LIGHT("Light review"),
    OPTIONAL("Optional review"),
    /** Drills and game days: hypothesis, what happened, what surprised us. */
    GAME_DAY("Game-day write-up");

    private final String label;

    ReviewDepth(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean interviews() {
        return this == FULL;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReviewDepth parse(String value) {
        for (ReviewDepth depth : values()) {
            if (depth.json().equals(value)) {
                return depth;
            }
        }
        throw new InvalidInputException(
                "depth",
                "must be one of "
                        + Arrays.stream(values()).map(ReviewDepth::json).collect(Collectors.joining(", ")));
    }
}
