package dev.cairn.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.shared.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rotations, restrictions, layers and overrides, each checked against times a person would read. */
class OnCallTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final long ALICE = 1, BOB = 2, CAROL = 3, DAVE = 4, ERIN = 5;

    /** Local wall-clock time in Paris; a repeated time means its first occurrence. */
    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    static Schedule schedule(Layer... layers) {
        return new Schedule("Payments", PARIS, List.of(layers), List.of());
    }

    static Schedule withOverrides(Schedule schedule, ScheduleOverride... overrides) {
        return new Schedule(schedule.name(), schedule.zone(), schedule.layers(), List.of(overrides));
    }

    static Optional<Long> who(Schedule schedule, String local) {
        return OnCall.whoIsOnCall(schedule, paris(local)).map(OnCallAt::userId);
    }

    static Shift shift(long userId, String start, String end, String source) {
        return new Shift(userId, paris(start), paris(end), source);
    }

    // Monday 2026-01-05 09:00 Paris.
    static final Layer DAILY = new Layer(
            "Primary", List.of(ALICE, BOB, CAROL), paris("2026-01-05T09:00"), LocalTime.of(9, 0), Rotation.daily());

    @ParameterizedTest(name = "daily at {0} → {1}")
    @CsvSource({
        "2026-01-05T09:00, 1",
        "2026-01-05T23:59, 1",
        "2026-01-06T08:59:59.999999999, 1",
        "2026-01-06T09:00, 2",
        "2026-01-07T12:00, 3",
        "2026-01-08T09:00, 1",
        "2027-01-05T09:00, 3", // shift 365, and 365 mod 3 = 2: the third participant
    })
    void dailyRotationHandsOffAtTheLocalTime(String at, long expected) {
        assertThat(who(schedule(DAILY), at)).contains(expected);
    }

    @Test
    void nobodyIsOnBeforeTheLayerStarts() {
        assertThat(who(schedule(DAILY), "2026-01-05T08:59:59")).isEmpty();
        assertThat(OnCall.shifts(schedule(DAILY), paris("2026-01-04T00:00"), paris("2026-01-05T09:00")))
                .isEmpty();
    }

    @ParameterizedTest(name = "weekly at {0} → {1}")
    @CsvSource({
        "2026-01-05T10:00, 1",
        "2026-01-12T09:59, 1",
        "2026-01-12T10:00, 2",
        "2026-01-18T23:00, 2",
        "2026-01-19T10:00, 1",
        "2026-04-06T10:00, 2", // 13 weeks later, across the spring DST change: still Monday 10:00
    })
    void weeklyRotationHandsOffOnTheSameWeekdayAndTime(String at, long expected) {
        Layer weekly = new Layer(
                "Weekly", List.of(ALICE, BOB), paris("2026-01-05T10:00"), LocalTime.of(10, 0), Rotation.weekly());
        assertThat(who(schedule(weekly), at)).contains(expected);
    }

    @ParameterizedTest(name = "12h at {0} → {1}")
    @CsvSource({
        "2026-03-28T08:00, 1",
        "2026-03-28T20:00, 2",
        "2026-03-29T07:59, 2",
        // the clocks went forward an hour in between: 12 real hours later is 09:00 local
        "2026-03-29T08:30, 2",
        "2026-03-29T09:00, 3",
        "2026-03-29T21:00, 1",
    })
    void customHourRotationsAreExactDurations(String at, long expected) {
        Layer twelveHours = new Layer(
                "Follow the sun",
                List.of(ALICE, BOB, CAROL),
                paris("2026-03-28T08:00"),
                LocalTime.of(8, 0),
                Rotation.hours(12));
        assertThat(who(schedule(twelveHours), at)).contains(expected);
    }

    @Test
    void multiDayRotationsHandOffEveryNDays() {
        Layer twoDays = new Layer(
                "Two days", List.of(ALICE, BOB), paris("2026-01-05T09:00"), LocalTime.of(9, 0), Rotation.days(2));
        assertThat(OnCall.shifts(schedule(twoDays), paris("2026-01-05T09:00"), paris("2026-01-11T09:00")))
                .containsExactly(
                        shift(ALICE, "2026-01-05T09:00", "2026-01-07T09:00", "Two days"),
                        shift(BOB, "2026-01-07T09:00", "2026-01-09T09:00", "Two days"),
                        shift(ALICE, "2026-01-09T09:00", "2026-01-11T09:00", "Two days"));
    }

    @Test
    void aStartAwayFromTheHandOffTimeMakesTheFirstShiftShorterOrLonger() {
        Layer lateStart = new Layer(
                "Primary", List.of(ALICE, BOB), paris("2026-01-05T15:00"), LocalTime.of(9, 0), Rotation.daily());
        Layer earlyStart = new Layer(
                "Primary", List.of(ALICE, BOB), paris("2026-01-05T06:00"), LocalTime.of(9, 0), Rotation.daily());
        Instant from = paris("2026-01-05T00:00");
        Instant to = paris("2026-01-07T09:00");
        assertThat(OnCall.shifts(schedule(lateStart), from, to))
                .containsExactly(
                        shift(ALICE, "2026-01-05T15:00", "2026-01-06T09:00", "Primary"),
                        shift(BOB, "2026-01-06T09:00", "2026-01-07T09:00", "Primary"));
        assertThat(OnCall.shifts(schedule(earlyStart), from, to))
                .containsExactly(
                        shift(ALICE, "2026-01-05T06:00", "2026-01-06T09:00", "Primary"),
                        shift(BOB, "2026-01-06T09:00", "2026-01-07T09:00", "Primary"));
    }

    @ParameterizedTest(name = "business hours at {0} → {1}")
    @CsvSource({
        "2026-01-05T09:00, 1", // Monday
        "2026-01-05T16:59, 1",
        "2026-01-05T17:00, ",
        "2026-01-06T08:59, ",
        "2026-01-06T12:00, 2",
        "2026-01-10T12:00, ", // Saturday
        "2026-01-11T12:00, ", // Sunday
        "2026-01-12T12:00, 2", // Monday: the rotation kept turning over the weekend
    })
    void restrictionsLimitALayerToTheirWindows(String at, Long expected) {
        Layer business = new Layer(
                "Business hours",
                List.of(ALICE, BOB),
                paris("2026-01-05T09:00"),
                LocalTime.of(9, 0),
                Rotation.daily(),
                Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(who(schedule(business), at)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "nights at {0} → {1}")
    @CsvSource({
        "2026-01-09T21:59, ", // Friday evening
        "2026-01-09T22:00, 1",
        "2026-01-10T05:59, 1", // Saturday early morning, still Friday's window
        "2026-01-10T06:00, ",
        "2026-01-11T23:00, 1", // Sunday night...
        "2026-01-12T03:00, 1", // ...reaches into Monday, across the end of the week
        "2026-01-12T23:00, ",
    })
    void restrictionsMayCrossMidnightAndTheEndOfTheWeek(String at, Long expected) {
        Layer nights = new Layer(
                "Weekend nights",
                List.of(ALICE),
                paris("2026-01-01T00:00"),
                LocalTime.of(0, 0),
                Rotation.weekly(),
                List.of(
                        new Restriction(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0)),
                        new Restriction(DayOfWeek.SUNDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))));
        assertThat(who(schedule(nights), at)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void wholeDayRestrictionsJoinWithoutASeam() {
        Layer weekend = new Layer(
                "Weekend",
                List.of(ALICE),
                paris("2026-01-01T00:00"),
                LocalTime.of(0, 0),
                Rotation.weekly(),
                Restriction.on(
                        java.util.EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        LocalTime.MIDNIGHT,
                        LocalTime.MIDNIGHT));
        assertThat(OnCall.shifts(schedule(weekend), paris("2026-01-09T00:00"), paris("2026-01-13T00:00")))
                .containsExactly(shift(ALICE, "2026-01-10T00:00", "2026-01-12T00:00", "Weekend"));
    }

    @Test
    void theLastLayerWithSomeoneOnWinsAndLowerLayersFillItsGaps() {
        Layer business = new Layer(
                "Business hours",
                List.of(DAVE),
                paris("2026-01-05T00:00"),
                LocalTime.of(0, 0),
                Rotation.weekly(),
                Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        Schedule schedule = schedule(DAILY, business);
        assertThat(OnCall.whoIsOnCall(schedule, paris("2026-01-06T12:00")))
                .contains(new OnCallAt(DAVE, "Business hours"));
        assertThat(OnCall.whoIsOnCall(schedule, paris("2026-01-06T18:00"))).contains(new OnCallAt(BOB, "Primary"));
        assertThat(OnCall.shifts(schedule, paris("2026-01-06T00:00"), paris("2026-01-07T00:00")))
                .containsExactly(
                        shift(ALICE, "2026-01-06T00:00", "2026-01-06T09:00", "Primary"),
                        shift(DAVE, "2026-01-06T09:00", "2026-01-06T17:00", "Business hours"),
                        shift(BOB, "2026-01-06T17:00", "2026-01-07T00:00", "Primary"));
    }

    @Test
    void anEarlierLayerIsHiddenWhereALaterOneCoversEverything() {
        Layer later =
                new Layer("Later", List.of(ERIN), paris("2026-01-01T00:00"), LocalTime.MIDNIGHT, Rotation.weekly());
        assertThat(OnCall.shifts(schedule(DAILY, later), paris("2026-01-05T00:00"), paris("2026-01-10T00:00")))
                .containsExactly(shift(ERIN, "2026-01-05T00:00", "2026-01-10T00:00", "Later"));
    }

    @Test
    void anOverrideAcrossAHandOffCoversBothShiftsForItsRange() {
        Schedule schedule = withOverrides(
                schedule(DAILY), ScheduleOverride.covering(DAVE, paris("2026-01-05T20:00"), paris("2026-01-06T12:00")));
        assertThat(OnCall.shifts(schedule, paris("2026-01-05T09:00"), paris("2026-01-07T09:00")))
                .containsExactly(
                        shift(ALICE, "2026-01-05T09:00", "2026-01-05T20:00", "Primary"),
                        shift(DAVE, "2026-01-05T20:00", "2026-01-06T12:00", "override"),
                        shift(BOB, "2026-01-06T12:00", "2026-01-07T09:00", "Primary"));
        assertThat(OnCall.whoIsOnCall(schedule, paris("2026-01-06T09:00"))).contains(new OnCallAt(DAVE, "override"));
        assertThat(who(schedule, "2026-01-06T12:00")).contains(BOB);
    }

    @Test
    void anOverrideReplacingOnePersonTakesOnlyTheirPartOfTheRange() {
        Schedule schedule = withOverrides(
                schedule(DAILY),
                ScheduleOverride.replacing(DAVE, BOB, paris("2026-01-05T12:00"), paris("2026-01-08T12:00")));
        assertThat(OnCall.shifts(schedule, paris("2026-01-05T09:00"), paris("2026-01-08T09:00")))
                .containsExactly(
                        shift(ALICE, "2026-01-05T09:00", "2026-01-06T09:00", "Primary"),
                        shift(DAVE, "2026-01-06T09:00", "2026-01-07T09:00", "override"),
                        shift(CAROL, "2026-01-07T09:00", "2026-01-08T09:00", "Primary"));
    }

    @Test
    void aPartialOverrideInsideAShiftSplitsIt() {
        Schedule schedule = withOverrides(
                schedule(DAILY), ScheduleOverride.covering(ERIN, paris("2026-01-05T13:00"), paris("2026-01-05T14:30")));
        assertThat(OnCall.shifts(schedule, paris("2026-01-05T09:00"), paris("2026-01-06T09:00")))
                .containsExactly(
                        shift(ALICE, "2026-01-05T09:00", "2026-01-05T13:00", "Primary"),
                        shift(ERIN, "2026-01-05T13:00", "2026-01-05T14:30", "override"),
                        shift(ALICE, "2026-01-05T14:30", "2026-01-06T09:00", "Primary"));
    }

    @Test
    void anOverrideCoversTimesWhenNobodyIsOnButAReplacementDoesNot() {
        Schedule schedule = withOverrides(
                schedule(DAILY),
                ScheduleOverride.covering(DAVE, paris("2026-01-05T06:00"), paris("2026-01-05T10:00")),
                ScheduleOverride.replacing(ERIN, ALICE, paris("2026-01-04T00:00"), paris("2026-01-05T07:00")));
        assertThat(who(schedule, "2026-01-05T06:30")).contains(DAVE);
        assertThat(who(schedule, "2026-01-05T09:30")).contains(DAVE);
        assertThat(who(schedule, "2026-01-04T12:00")).isEmpty();
    }

    @Test
    void laterOverridesWinAndReplacementsFollowEarlierOverrides() {
        Schedule schedule = withOverrides(
                schedule(DAILY),
                ScheduleOverride.covering(DAVE, paris("2026-01-05T10:00"), paris("2026-01-05T20:00")),
                ScheduleOverride.replacing(ERIN, DAVE, paris("2026-01-05T12:00"), paris("2026-01-05T13:00")),
                ScheduleOverride.covering(CAROL, paris("2026-01-05T19:00"), paris("2026-01-05T21:00")));
        assertThat(who(schedule, "2026-01-05T11:00")).contains(DAVE);
        assertThat(who(schedule, "2026-01-05T12:30")).contains(ERIN);
        assertThat(who(schedule, "2026-01-05T19:30")).contains(CAROL);
        assertThat(who(schedule, "2026-01-05T21:00")).contains(ALICE);
    }

    @Test
    void adjacentShiftsOfOnePersonAreOneShiftThatNamesEverySource() {
        Layer solo = new Layer("Solo", List.of(ALICE), paris("2026-01-05T09:00"), LocalTime.of(9, 0), Rotation.daily());
        Schedule schedule = withOverrides(
                schedule(solo), ScheduleOverride.covering(ALICE, paris("2026-01-05T07:00"), paris("2026-01-05T09:00")));
        assertThat(OnCall.shifts(schedule, paris("2026-01-05T00:00"), paris("2026-01-09T00:00")))
                .containsExactly(shift(ALICE, "2026-01-05T07:00", "2026-01-09T00:00", "override + Solo"));
    }

    @Test
    void layerShiftsShowEachLayerOnItsOwn() {
        Layer business = new Layer(
                "Business hours",
                List.of(DAVE),
                paris("2026-01-05T00:00"),
                LocalTime.of(0, 0),
                Rotation.weekly(),
                Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        Schedule schedule = withOverrides(
                schedule(DAILY, business),
                ScheduleOverride.covering(ERIN, paris("2026-01-06T10:00"), paris("2026-01-06T11:00")));
        assertThat(OnCall.layerShifts(schedule, paris("2026-01-05T09:00"), paris("2026-01-07T09:00")))
                .containsExactly(
                        new LayerShifts(
                                "Primary",
                                List.of(
                                        shift(ALICE, "2026-01-05T09:00", "2026-01-06T09:00", "Primary"),
                                        shift(BOB, "2026-01-06T09:00", "2026-01-07T09:00", "Primary"))),
                        new LayerShifts(
                                "Business hours",
                                List.of(
                                        shift(DAVE, "2026-01-05T09:00", "2026-01-05T17:00", "Business hours"),
                                        shift(DAVE, "2026-01-06T09:00", "2026-01-06T17:00", "Business hours"))));
    }

    @Test
    void aLookupYearsAfterTheEpochJumpsStraightToItsShift() {
        Layer hourly = new Layer(
                "Hourly",
                List.of(ALICE, BOB, CAROL, DAVE, ERIN),
                Instant.parse("2026-01-01T00:00:00Z"),
                LocalTime.MIDNIGHT,
                Rotation.hours(1));
        Schedule schedule = new Schedule("Far", ZoneId.of("UTC"), List.of(hourly), List.of());
        Instant at = Instant.parse("2126-06-01T13:30:00Z");
        long index = Duration.between(hourly.start(), at).toHours();
        long started = System.nanoTime();
        Optional<Long> who = OnCall.whoIsOnCall(schedule, at).map(OnCallAt::userId);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(who).contains(hourly.participants().get((int) (index % 5)));
    }

    @Test
    void aYearOfABusyScheduleIsComputedFromHandOffsNotByScanningTime() {
        Layer hourly = new Layer(
                "Hourly", List.of(ALICE, BOB, CAROL), paris("2026-01-01T00:00"), LocalTime.MIDNIGHT, Rotation.hours(1));
        Layer business = new Layer(
                "Business hours",
                List.of(DAVE, ERIN),
                paris("2026-01-01T00:00"),
                LocalTime.of(9, 0),
                Rotation.daily(),
                Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        List<ScheduleOverride> overrides = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> ScheduleOverride.covering(
                        ERIN,
                        paris("2026-01-02T10:00").plus(Duration.ofHours(37L * i)),
                        paris("2026-01-02T12:00").plus(Duration.ofHours(37L * i))))
                .toList();
        Schedule busy = new Schedule("Busy", PARIS, List.of(hourly, business, DAILY), overrides);
        Instant from = paris("2026-01-01T00:00");
        Instant to = paris("2027-01-01T00:00");
        OnCall.shifts(busy, from, to);

        long started = System.nanoTime();
        List<Shift> shifts = OnCall.shifts(busy, from, to);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(shifts).hasSizeGreaterThan(365);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anEmptyScheduleHasNobodyOnCall() {
        Schedule empty = new Schedule("Empty", PARIS, List.of(), List.of());
        assertThat(OnCall.whoIsOnCall(empty, paris("2026-01-05T09:00"))).isEmpty();
        assertThat(OnCall.shifts(empty, paris("2026-01-05T09:00"), paris("2026-01-06T09:00")))
                .isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Instant start = paris("2026-01-05T09:00");
        assertThatThrownBy(() -> new Layer("L", List.of(), start, LocalTime.NOON, Rotation.daily()))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("layer.participants");
        assertThatThrownBy(() -> new Layer(" ", List.of(ALICE), start, LocalTime.NOON, Rotation.daily()))
                .extracting("field")
                .isEqualTo("layer.name");
        assertThatThrownBy(() -> new Layer("L", List.of(ALICE), null, LocalTime.NOON, Rotation.daily()))
                .extracting("field")
                .isEqualTo("layer.start");
        assertThatThrownBy(() -> Rotation.hours(0)).extracting("field").isEqualTo("rotation.length");
        assertThatThrownBy(() -> ScheduleOverride.covering(ALICE, start, start))
                .extracting("field")
                .isEqualTo("override.end");
        assertThatThrownBy(() -> new Schedule("S", null, List.of(), List.of()))
                .extracting("field")
                .isEqualTo("schedule.zone");
        assertThatThrownBy(() -> schedule(DAILY, DAILY)).extracting("field").isEqualTo("schedule.layers");
        assertThatThrownBy(() -> OnCall.shifts(schedule(DAILY), start, start.minusSeconds(1)))
                .extracting("field")
                .isEqualTo("to");
    }
}
