package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;
import java.util.List;

/** Construction checks shared by the schedule records, so each names the field it refuses. */
final class Checks {

    private Checks() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    static String name(String value, String field) {
        if (value == null || value.isBlank() || value.strip().length() > 200) {
            throw new InvalidInputException(field, "must be 1 to 200 characters");
        }
        return value.strip();
    }

    static <T> List<T> list(List<T> values, String field) {
        required(values, field);
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(field, "must not contain empty entries");
        }
        return List.copyOf(values);
    }
}
