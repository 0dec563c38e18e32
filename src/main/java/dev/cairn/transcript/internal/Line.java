package dev.cairn.transcript.internal;

import java.time.Instant;
import java.util.Map;

/**
 * One message read from a file, before its author is matched to a Cairn user. {@code authorRef}
 * is the source's own id for the author (a Slack user id) or null; {@code authorEmail} helps
 * matching when the source has it.
 */
public record Line(
        String key,
        String authorRef,
        String authorName,
        String authorEmail,
        String body,
        Instant at,
        Map<String, String> data) {}
