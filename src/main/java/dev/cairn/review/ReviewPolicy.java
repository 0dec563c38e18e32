package dev.cairn.review;

import java.time.Instant;

/**
 * What review an incident needs: one rule per severity code, and the rule {@code drill} for drills
 * and game days (whatever their severity). {@code required}: the incident cannot be closed before
 * its review is published.
 */
public record ReviewPolicy(String rule, ReviewDepth depth, boolean required, Instant updatedAt) {

    public static final String DRILL = "drill";

    public String label() {
        return DRILL.equals(rule) ? "Drills and game days" : rule;
    }
}
