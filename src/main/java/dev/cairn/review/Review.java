package dev.cairn.review;

import java.time.Instant;
import java.util.List;

/**
 * An incident's review. The sections are kept apart on purpose: the story ({@code narrative}),
 * what happened and why it made sense at the time, what we learned; drills add the hypothesis and
 * what surprised us. Action items live in their own module. {@code createdAt} is null while nobody
 * has started the review.
 */
public record Review(
        long incidentId,
        String reference,
        String title,
        String severity,
        ReviewState state,
        ReviewDepth depth,
        boolean required,
        String narrative,
        String whatHappened,
        String learned,
        String hypothesis,
        String surprises,
        List<String> phases,
        List<String> customPhases,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        String publishedBy) {

    public boolean published() {
        return state == ReviewState.PUBLISHED;
    }

    public boolean started() {
        return createdAt != null;
    }
}
