package dev.cairn.review;

import java.time.Instant;
import java.util.List;

/**
 * A timeline entry the reviewer selected, with the entry as the transcript shows it: a key moment
 * or not, its phases (any number, overlapping and recurring) and the reviewer's note.
 */
public record Highlight(
        long id,
        long entryId,
        boolean keyMoment,
        List<String> phases,
        String note,
        Instant occurredAt,
        String authorName,
        Long authorId,
        String body,
        String source) {}
