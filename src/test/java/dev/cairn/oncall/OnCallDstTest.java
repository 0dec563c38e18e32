package dev.cairn.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Daily hand-offs across both DST changes of 2026 in Paris (01:00 UTC on 29 March and 25 October)
 * and New York (07:00 UTC on 8 March, 06:00 UTC on 1 November). Expected instants are written in
 * UTC, worked out by hand, so the test does not share the implementation's reading of local time.
 */
class OnCallDstTest {

    static final long ALICE = 1, BOB = 2, CAROL = 3;

    /**
     * A three-person daily rotation starting two days before the change: Alice's shift is ordinary,
     * Bob's ends on the day of the change, Carol's begins there.
     */
    @ParameterizedTest(name = "{0} hand-off {1}: Bob {3} → {4}, Carol until {5}")
    @CsvSource({
        // Paris spring forward, 09:00: Bob's day is 23 hours.
        "Europe/Paris, 09:00, 2026-03-27T08:00:00Z, 2026-03-28T08:00:00Z, 2026-03-29T07:00:00Z, 2026-03-30T07:00:00Z",
        // Paris spring forward, 02:30 does not exist on the 29th: hand-off when the clocks jump (03:00 CEST).
        "Europe/Paris, 02:30, 2026-03-27T01:30:00Z, 2026-03-28T01:30:00Z, 2026-03-29T01:00:00Z, 2026-03-30T00:30:00Z",
        // Paris fall back, 09:00: Bob's day is 25 hours.
        "Europe/Paris, 09:00, 2026-10-23T07:00:00Z, 2026-10-24T07:00:00Z, 2026-10-25T08:00:00Z, 2026-10-26T08:00:00Z",
        // Paris fall back, 02:30 happens twice on the 25th: the first one (CEST) is the hand-off.
        "Europe/Paris, 02:30, 2026-10-23T00:30:00Z, 2026-10-24T00:30:00Z, 2026-10-25T00:30:00Z, 2026-10-26T01:30:00Z",
        // New York spring forward, 09:00.
        "America/New_York, 09:00, 2026-03-06T14:00:00Z, 2026-03-07T14:00:00Z, 2026-03-08T13:00:00Z, 2026-03-09T13:00:00Z",
        // New York spring forward, 02:30 does not exist: 03:00 EDT.
        "America/New_York, 02:30, 2026-03-06T07:30:00Z, 2026-03-07T07:30:00Z, 2026-03-08T07:00:00Z, 2026-03-09T06:30:00Z",
        // New York fall back, 09:00.
        "America/New_York, 09:00, 2026-10-30T13:00:00Z, 2026-10-31T13:00:00Z, 2026-11-01T14:00:00Z, 2026-11-02T14:00:00Z",
        // New York fall back, 02:30 exists once (the repeated hour is 01:00-02:00): 02:30 EST.
        "America/New_York, 02:30, 2026-10-30T06:30:00Z, 2026-10-31T06:30:00Z, 2026-11-01T07:30:00Z, 2026-11-02T07:30:00Z",
        // New York fall back, 01:30 happens twice: the first one (EDT).
        "America/New_York, 01:30, 2026-10-30T05:30:00Z, 2026-10-31T05:30:00Z, 2026-11-01T05:30:00Z, 2026-11-02T06:30:00Z",
    })
    void dailyHandOffsAcrossDst(
            ZoneId zone, LocalTime handoff, Instant start, Instant bobFrom, Instant carolFrom, Instant carolUntil) {
        Layer daily = new Layer("Primary", List.of(ALICE, BOB, CAROL), start, handoff, Rotation.daily());
        Schedule schedule = new Schedule("S", zone, List.of(daily), List.of());

        assertThat(OnCall.shifts(schedule, start, carolUntil))
                .containsExactly(
                        new Shift(ALICE, start, bobFrom, "Primary"),
                        new Shift(BOB, bobFrom, carolFrom, "Primary"),
                        new Shift(CAROL, carolFrom, carolUntil, "Primary"));
        assertThat(who(schedule, carolFrom.minusNanos(1))).isEqualTo(BOB);
        assertThat(who(schedule, carolFrom)).isEqualTo(CAROL);
    }

    @Test
    void theLostHourComesOutOfTheShiftThatSpansIt() {
        Layer daily = new Layer(
                "Primary",
                List.of(ALICE, BOB),
                Instant.parse("2026-03-27T08:00:00Z"),
                LocalTime.of(9, 0),
                Rotation.daily());
        Schedule paris = new Schedule("S", ZoneId.of("Europe/Paris"), List.of(daily), List.of());
        List<Duration> lengths = OnCall.layerShifts(
                        paris, Instant.parse("2026-03-27T08:00:00Z"), Instant.parse("2026-03-31T07:00:00Z"))
                .getFirst()
                .shifts()
                .stream()
                .map(Shift::duration)
                .toList();
        assertThat(lengths)
                .containsExactly(
                        Duration.ofHours(24), Duration.ofHours(23), Duration.ofHours(24), Duration.ofHours(24));
    }

    @Test
    void duringTheRepeatedHourTheNewShiftHasAlreadyBegun() {
        Layer daily = new Layer(
                "Primary",
                List.of(ALICE, BOB, CAROL),
                Instant.parse("2026-10-23T00:30:00Z"),
                LocalTime.of(2, 30),
                Rotation.daily());
        Schedule paris = new Schedule("S", ZoneId.of("Europe/Paris"), List.of(daily), List.of());
        // 02:45 CEST, then 02:15 CET: both after the first 02:30, so both Carol's.
        assertThat(who(paris, Instant.parse("2026-10-25T00:45:00Z"))).isEqualTo(CAROL);
        assertThat(who(paris, Instant.parse("2026-10-25T01:15:00Z"))).isEqualTo(CAROL);
    }

    @Test
    void aWindowInsideTheSkippedHourKeepsWhatRemainsOfIt() {
        // Sunday 29 March 02:30-03:30 Paris: the clocks show 03:00-03:30 CEST of it, 30 minutes.
        Schedule paris =
                restricted("Europe/Paris", new Restriction(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(3, 30)));
        assertThat(OnCall.shifts(paris, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .containsExactly(new Shift(
                        ALICE, Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:30:00Z"), "Nights"));
    }

    @Test
    void aNightWindowSpanningTheChangeIsOneHourShorterOrLonger() {
        var night = new Restriction(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(6, 0));
        Schedule paris = restricted("Europe/Paris", night);
        assertThat(OnCall.shifts(paris, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .extracting(Shift::duration)
                .containsExactly(Duration.ofHours(7));
        assertThat(OnCall.shifts(paris, Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z")))
                .extracting(Shift::duration)
                .containsExactly(Duration.ofHours(9));
        // In New York the window covers both passes through 01:00-02:00 without a hole.
        Schedule newYork = restricted("America/New_York", night);
        assertThat(OnCall.shifts(newYork, Instant.parse("2026-10-31T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z")))
                .containsExactly(new Shift(
                        ALICE, Instant.parse("2026-11-01T02:00:00Z"), Instant.parse("2026-11-01T11:00:00Z"), "Nights"));
    }

    @Test
    void hourRotationsIgnoreDstAndKeepExactLengths() {
        Layer twelve = new Layer(
                "Twelve",
                List.of(ALICE, BOB),
                Instant.parse("2026-10-24T06:00:00Z"),
                LocalTime.of(8, 0),
                Rotation.hours(12));
        Schedule newYork = new Schedule("S", ZoneId.of("America/New_York"), List.of(twelve), List.of());
        assertThat(OnCall.shifts(newYork, Instant.parse("2026-10-31T06:00:00Z"), Instant.parse("2026-11-02T06:00:00Z")))
                .extracting(Shift::duration)
                .containsOnly(Duration.ofHours(12));
    }

    private static Schedule restricted(String zone, Restriction restriction) {
        Layer nights = new Layer(
                "Nights",
                List.of(ALICE),
                Instant.parse("2026-01-01T00:00:00Z"),
                LocalTime.MIDNIGHT,
                Rotation.weekly(),
                List.of(restriction));
        return new Schedule("S", ZoneId.of(zone), List.of(nights), List.of());
    }

    private static long who(Schedule schedule, Instant at) {
        return OnCall.whoIsOnCall(schedule, at).orElseThrow().userId();
    }
}
