package dev.cairn.incident;

import java.time.Instant;

/** One stay of a person in an incident room: when they joined, why, and when they left. */
public record Participant(long userId, String name, Instant joinedAt, Instant leftAt, String reason) {

    public boolean present() {
        return leftAt == null;
    }
}
