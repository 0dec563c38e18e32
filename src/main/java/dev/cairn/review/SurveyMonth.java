package dev.cairn.review;

/**
 * Survey figures of one month across incidents (private incidents and drills left out): response
 * rate always, mean scores only when the month has at least {@link Surveys#MIN_ANSWERS} answers.
 */
public record SurveyMonth(
        String month,
        int incidents,
        int invited,
        int responded,
        Double responseRate,
        Double coordination,
        Double communication,
        Double feelingDuring,
        Double feelingAfter,
        Double meanHours) {}
