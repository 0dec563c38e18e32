package dev.cairn.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The uptime formula on known incidents: weights, overlaps counted once, days, and the window edge. */
class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant FROM = Instant.parse("2025-12-11T00:00:00Z"); // 90 UTC days, today included

    private static StatusIncident incident(long id, Instant resolved, StatusIncident.Update... chronological) {
        List<StatusIncident.Update> newestFirst = new java.util.ArrayList<>(List.of(chronological));
        java.util.Collections.reverse(newestFirst);
        return new StatusIncident(
                id,
                id,
                "t",
                resolved == null ? PublicStatus.IDENTIFIED : PublicStatus.RESOLVED,
                chronological[0].at(),
                resolved,
                resolved,
                newestFirst);
    }

    private static StatusIncident.Update update(long id, String at, PublicStatus status, Impact impact) {
        return new StatusIncident.Update(
                id, status, "m", Instant.parse(at), impact == null ? Map.of() : Map.of(1L, impact));
    }

    @Test
    void overlappingIncidentsCountOnceAtTheWorstImpact() {
        StatusIncident major = incident(
                1,
                Instant.parse("2026-03-09T12:00:00Z"),
                update(1, "2026-03-09T10:00:00Z", PublicStatus.IDENTIFIED, Impact.MAJOR_OUTAGE),
                update(2, "2026-03-09T12:00:00Z", PublicStatus.RESOLVED, null));
        StatusIncident partial = incident(
                2,
                Instant.parse("2026-03-09T13:00:00Z"),
                update(3, "2026-03-09T11:00:00Z", PublicStatus.INVESTIGATING, Impact.PARTIAL_OUTAGE),
                update(4, "2026-03-09T13:00:00Z", PublicStatus.RESOLVED, null));
        Uptime.Result result = Uptime.compute(Uptime.intervals(List.of(major, partial), 1, NOW), NOW, 90);

        double window = Duration.between(FROM, NOW).toMillis();
        double down = Duration.ofHours(2).toMillis() + 0.5 * Duration.ofHours(1).toMillis();
        assertThat(result.uptime()).isCloseTo(1 - down / window, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.days()).hasSize(90);
        assertThat(result.days().getFirst().date()).hasToString("2025-12-11");
        Uptime.Day ninth = result.days().get(88);
        assertThat(ninth.date()).hasToString("2026-03-09");
        assertThat(ninth.worst()).isEqualTo(Impact.MAJOR_OUTAGE);
        assertThat(ninth.uptime()).isCloseTo(1 - 2.5 / 24, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.days().getLast().uptime()).isEqualTo(1.0);
        assertThat(Uptime.intervals(List.of(major), 2, NOW))
                .as("other components are untouched")
                .isEmpty();
    }

    @Test
    void anOpenIncidentCountsUntilNowAndOldImpactIsClippedToTheWindow() {
        StatusIncident open =
                incident(1, null, update(1, "2025-12-01T00:00:00Z", PublicStatus.IDENTIFIED, Impact.DEGRADED));
        Uptime.Result result = Uptime.compute(Uptime.intervals(List.of(open), 1, NOW), NOW, 90);
        assertThat(result.uptime()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.percent()).isEqualTo("90.00%");
        assertThat(Uptime.format(0.99999)).as("never rounded up to 100%").isEqualTo("99.99%");
    }

    @Test
    void aMajorOutageAcrossMidnightSplitsOverTwoDays() {
        StatusIncident night = incident(
                1,
                Instant.parse("2026-03-08T02:00:00Z"),
                update(1, "2026-03-07T22:00:00Z", PublicStatus.IDENTIFIED, Impact.MAJOR_OUTAGE));
        Uptime.Result result = Uptime.compute(Uptime.intervals(List.of(night), 1, NOW), NOW, 90);
        assertThat(result.days().get(86).uptime()).isCloseTo(1 - 2.0 / 24, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.days().get(87).uptime()).isCloseTo(1 - 2.0 / 24, org.assertj.core.data.Offset.offset(1e-12));
    }
}
