package dev.cairn.guidance;

import java.time.Instant;

/**
 * A reminder that the incident drifts: {@code condition} is one of {@code no_commander}, {@code
 * no_update}, {@code unacknowledged_page}, {@code silence}. Shown until the condition stops.
 */
public record Nudge(long id, String condition, String text, Instant raisedAt) {}
