package dev.cairn.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * draft → in review → published. A review in review can go back to draft; a published review is
 * what people read, and is final.
 */
public enum ReviewState {
    DRAFT,
    IN_REVIEW,
    PUBLISHED;

    public Set<ReviewState> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(IN_REVIEW);
            case IN_REVIEW -> EnumSet.of(DRAFT, PUBLISHED);
            case PUBLISHED -> EnumSet.noneOf(ReviewState.class);
        };
    }

    public boolean canMoveTo(ReviewState target) {
        return next().contains(target);
    }

    public String label() {
        return switch (this) {
            case DRAFT -> "Draft";
            case IN_REVIEW -> "In review";
            case PUBLISHED -> "Published";
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReviewState parse(String value) {
        for (ReviewState state : values()) {
            if (state.json().equals(value)) {
                return state;
            }
        }
        throw new InvalidInputException("state", "must be one of draft, in_review, published");
    }
}
