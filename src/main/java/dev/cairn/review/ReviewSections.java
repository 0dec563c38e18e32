package dev.cairn.review;

import dev.cairn.shared.InvalidInputException;
import java.util.List;

/** The written parts of a review; a null part stays as it is. */
public record ReviewSections(
        String narrative,
        String whatHappened,
        String learned,
        String hypothesis,
        String surprises,
        List<String> customPhases) {

    static final int MAX_TEXT = 100_000;

    static String check(String text, String field) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException(field, "must be at most " + MAX_TEXT + " characters");
        }
        return printable(text, field);
    }

    /**
     * Refuses text with a NUL character, which no database text column stores (PostgreSQL refuses
     * it), so that it is a 400 naming the field rather than a failed insert.
     */
    static String printable(String text, String field) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new InvalidInputException(field, "must not contain NUL characters");
        }
        return text;
    }
}
