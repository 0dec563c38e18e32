package dev.cairn.transcript;

import java.time.Instant;
import java.util.List;

/**
 * One import: how many entries it added and how many it skipped (already imported, or outside the
 * time range). {@code unmatchedAuthors} are names no Cairn user matched; they were kept as names.
 */
public record ImportResult(
        long id,
        long incidentId,
        String kind,
        String fileName,
        String channel,
        int imported,
        int skipped,
        String importedBy,
        Instant createdAt,
        List<String> unmatchedAuthors) {}
