package dev.cairn.review;

import java.time.Instant;

/**
 * A comment on any part of a review: a section ({@code section:learned}), a highlight ({@code
 * highlight:12}) or a transcript entry ({@code entry:345}). A {@code question} is addressed to
 * someone involved, who is notified; a {@code note} records what the reviewer thinks of a moment.
 */
public record ReviewComment(
        long id,
        String target,
        String kind,
        String body,
        Long addresseeId,
        String addresseeName,
        long authorId,
        String authorName,
        Instant createdAt) {

    public static final String COMMENT = "comment";
    public static final String QUESTION = "question";
    public static final String NOTE = "note";
}
