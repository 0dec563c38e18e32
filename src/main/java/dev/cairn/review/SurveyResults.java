package dev.cairn.review;

import java.util.List;

/**
 * An incident's survey in aggregate. The means and comments are present only once the survey has
 * closed ({@code closed}: at {@code closesAt}, or when everyone invited answered) and at least {@link
 * Surveys#MIN_ANSWERS} people answered ({@code shown}); comments come in a new random order each
 * time and without names. Nothing here says who answered what.
 */
public record SurveyResults(
        long incidentId,
        int invited,
        int responded,
        Double responseRate,
        boolean shown,
        boolean closed,
        java.time.Instant closesAt,
        String note,
        Double coordination,
        Double communication,
        Double feelingDuring,
        Double feelingAfter,
        Double meanHours,
        Double totalHours,
        List<String> comments) {}
