package dev.cairn.review;

import dev.cairn.shared.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One person's survey answer: how well coordination and communication worked and how they felt
 * during and after (1 to 5 each), hours spent, and anything they want to add. {@link #checked()} is
 * what {@link Surveys} stores, so an invalid answer never reaches the store (and the API names the
 * field that is wrong).
 */
public record SurveyAnswer(
        Integer coordination,
        Integer communication,
        Integer feelingDuring,
        Integer feelingAfter,
        BigDecimal hours,
        String freeText) {

    public static final int MAX_TEXT = 4000;

    /** This answer, checked and normalised (hours to one decimal, blank text to none). */
    public SurveyAnswer checked() {
        scale(coordination, "coordination");
        scale(communication, "communication");
        scale(feelingDuring, "feelingDuring");
        scale(feelingAfter, "feelingAfter");
        if (hours == null || hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new InvalidInputException("hours", "is required: the hours you spent, from 0 to 1000");
        }
        String text = freeText == null || freeText.isBlank() ? null : freeText.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException("freeText", "must be at most " + MAX_TEXT + " characters");
        }
        return new SurveyAnswer(
                coordination,
                communication,
                feelingDuring,
                feelingAfter,
                hours.setScale(1, RoundingMode.HALF_UP),
                text);
    }

    private static void scale(Integer value, String field) {
        if (value == null || value < 1 || value > 5) {
            throw new InvalidInputException(field, "is required, from 1 (worst) to 5 (best)");
        }
    }
}
