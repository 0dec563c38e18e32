package dev.cairn.review;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an interview stands. */
public enum InterviewStatus {
    PLANNED,
    DONE,
    CANCELLED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InterviewStatus parse(String value) {
        return Arrays.stream(values())
                .filter(s -> s.json().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "status",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(InterviewStatus::json)
                                        .collect(Collectors.joining(", "))));
    }
}
