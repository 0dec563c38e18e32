package dev.cairn.statuspage;

import java.time.Instant;
import java.util.List;

/** A scheduled maintenance window on some components. */
public record Maintenance(
        long id, String title, String description, Instant startsAt, Instant endsAt, List<Long> componentIds) {

    public boolean inProgress(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean upcoming(Instant now) {
        return now.isBefore(startsAt);
    }

    /** What an admin sends to create or replace a window. */
    public record Input(String title, String description, Instant startsAt, Instant endsAt, List<Long> componentIds) {}
}
