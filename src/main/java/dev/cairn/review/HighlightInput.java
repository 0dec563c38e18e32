package dev.cairn.review;

import java.util.List;

/**
 * Marks entries in a review: each entry becomes (or stays) a highlight; {@code keyMoment} and
 * {@code phases} (null: unchanged) and {@code note} (null: unchanged) apply to each.
 */
public record HighlightInput(List<Long> entryIds, Boolean keyMoment, List<String> phases, String note) {}
