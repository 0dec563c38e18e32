package dev.cairn.demo;

import java.time.Duration;
import java.util.List;

/** What a demo-data run created, and how long it took. */
public record DemoSummary(
        int teams, int people, int services, List<Long> incidentIds, int timelinePosts, Duration took) {

    public int incidents() {
        return incidentIds.size();
    }
}
