package dev.cairn.insights;

import dev.cairn.action.ActionFigures;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentType;
import dev.cairn.review.LearningFigures;
import dev.cairn.review.ReviewDepth;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One incident as the audit report lists it: its facts, key times, review state and action items. */
public record AuditIncident(
        long id,
        String reference,
        String title,
        String severity,
        String type,
        boolean drill,
        boolean restricted,
        String status,
        String services,
        String commander,
        Instant impactStartedAt,
        Instant detectedAt,
        Instant declaredAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        String reviewState,
        String actionItems) {

    /**
     * The incident with its review state and action items in words, e.g. "published 2026-05-02
     * (full review)" and "3: 2 do (1 done), 1 won't do".
     */
    public static AuditIncident of(Incident i, LearningFigures.IncidentLearning review, ActionFigures.Counts items) {
        return new AuditIncident(
                i.id(),
                i.reference(),
                i.title(),
                i.severity(),
                i.type().json(),
                i.type() == IncidentType.DRILL,
                i.type() == IncidentType.PRIVATE,
                i.status().json(),
                i.services().stream().map(Incident.ServiceRef::name).collect(Collectors.joining("; ")),
                i.nameFor(IncidentRole.COMMANDER),
                i.impactStartedAt(),
                i.detectedAt(),
                i.declaredAt(),
                i.acknowledgedAt(),
                i.mitigatedAt(),
                i.resolvedAt(),
                i.closedAt(),
                review(review),
                actions(items == null ? ActionFigures.Counts.NONE : items));
    }

    /** The review's state in words; null (no facts) reads as not required. */
    public static String review(LearningFigures.IncidentLearning r) {
        if (r == null) {
            return "not required";
        }
        if (r.reviewState() == null) {
            return r.reviewRequired() ? "not started (required)" : "not required";
        }
        String depth = "(" + depth(r.depth()) + ")";
        return switch (r.reviewState()) {
            case PUBLISHED ->
                "published "
                        + (r.publishedAt() == null
                                ? ""
                                : r.publishedAt().atZone(ZoneOffset.UTC).toLocalDate() + " ")
                        + depth;
            case IN_REVIEW -> "in review " + depth;
            case DRAFT -> "draft " + depth;
        };
    }

    static String depth(ReviewDepth depth) {
        return switch (depth) {
            case FULL -> "full review";
            case LIGHT -> "light review";
            case OPTIONAL -> "optional review";
            case GAME_DAY -> "game-day write-up";
        };
    }

    /** Action items in words: how many, then how they were decided; "none" without any. */
    public static String actions(ActionFigures.Counts c) {
        if (c.proposed() == 0) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (c.toDo() > 0) {
            List<String> state = new ArrayList<>();
            state.add(c.done() + " done");
            if (c.overdue() > 0) {
                state.add(c.overdue() + " overdue");
            }
            parts.add(c.toDo() + " do (" + String.join(", ", state) + ")");
        }
        if (c.wontDo() > 0) {
            parts.add(c.wontDo() + " won't do");
        }
        if (c.later() > 0) {
            parts.add(c.later() + " later");
        }
        if (c.undecided() > 0) {
            parts.add(c.undecided() + " undecided");
        }
        return c.proposed() + ": " + String.join(", ", parts);
    }
}
