package dev.cairn.review.web;

import dev.cairn.review.Review;
import dev.cairn.review.ReviewDepth;
import dev.cairn.shared.Markdown;
import java.util.ArrayList;
import java.util.List;

/**
 * The written sections of a review as its pages show them, kept apart on purpose: the story, what
 * happened and why it made sense at the time, what we learned (drills: hypothesis, what happened,
 * what surprised us). {@code field} is the form field and the comment target.
 */
record ReviewParts(String field, String title, String hint, String markdown, String html) {

    static List<ReviewParts> of(Review review) {
        List<ReviewParts> parts = new ArrayList<>();
        if (review.depth() == ReviewDepth.GAME_DAY) {
            parts.add(part(
                    "hypothesis",
                    "Hypothesis",
                    "What did we expect the system and the people to do?",
                    review.hypothesis()));
            parts.add(
                    part("whatHappened", "What happened", "What actually happened, in order.", review.whatHappened()));
            parts.add(part(
                    "surprises",
                    "What surprised us",
                    "Where reality differed from the hypothesis.",
                    review.surprises()));
        } else {
            parts.add(part(
                    "narrative",
                    "The story",
                    "Start it from the highlights, then tell it for someone who was not there.",
                    review.narrative()));
            parts.add(part(
                    "whatHappened",
                    "What happened and why it made sense at the time",
                    "What people knew, expected and saw when they acted; no hindsight.",
                    review.whatHappened()));
        }
        parts.add(
                part("learned", "What we learned", "About the system, the people and how we work.", review.learned()));
        return parts;
    }

    private static ReviewParts part(String field, String title, String hint, String markdown) {
        return new ReviewParts(field, title, hint, markdown, Markdown.toHtml(markdown));
    }

    public String target() {
        return "section:" + field.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
