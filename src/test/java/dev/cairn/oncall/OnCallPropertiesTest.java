package dev.cairn.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Laws of the on-call calculator over random schedules: zones with DST (including half-hour DST and
 * a change at midnight), hand-offs inside the skipped or repeated hour, restrictions, several layers
 * and overlapping overrides.
 */
class OnCallPropertiesTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final long DAY = 86_400;

    @Property
    void atEveryInstantAtMostOnePersonIsOn(
            @ForAll("schedules") Schedule schedule,
            @ForAll @LongRange(min = -10 * DAY, max = 400 * DAY) long fromOffset,
            @ForAll @LongRange(min = 1, max = 30 * DAY) long seconds) {
        Instant from = BASE.plusSeconds(fromOffset);
        Instant to = from.plusSeconds(seconds);
        List<Shift> shifts = OnCall.shifts(schedule, from, to);
        for (int i = 0; i < shifts.size(); i++) {
            Shift shift = shifts.get(i);
            assertThat(shift.start()).isBefore(shift.end()).isAfterOrEqualTo(from);
            assertThat(shift.end()).isBeforeOrEqualTo(to);
            if (i > 0) {
                Shift previous = shifts.get(i - 1);
                assertThat(shift.start()).as("no overlap").isAfterOrEqualTo(previous.end());
                if (shift.start().equals(previous.end())) {
                    assertThat(shift.userId())
                            .as("touching shifts of one person are merged")
                            .isNotEqualTo(previous.userId());
                }
            }
        }
    }

    @Property
    void shiftsAgreeWithWhoIsOnCallAtEveryInstantInside(
            @ForAll("schedules") Schedule schedule,
            @ForAll @LongRange(min = -10 * DAY, max = 400 * DAY) long fromOffset,
            @ForAll @LongRange(min = 1, max = 30 * DAY) long seconds,
            @ForAll @Size(20) List<@LongRange(min = 0, max = Long.MAX_VALUE) Long> samples) {
        Instant from = BASE.plusSeconds(fromOffset);
        Instant to = from.plusSeconds(seconds);
        List<Shift> shifts = OnCall.shifts(schedule, from, to);
        List<Instant> instants = new ArrayList<>();
        samples.forEach(sample -> instants.add(from.plusNanos(sample % (seconds * 1_000_000_000L))));
        shifts.forEach(shift -> {
            instants.add(shift.start());
            instants.add(shift.end().minusNanos(1));
        });
        for (Instant t : instants) {
            Optional<Long> fromShifts = shifts.stream()
                    .filter(shift -> !shift.start().isAfter(t) && shift.end().isAfter(t))
                    .map(Shift::userId)
                    .findFirst();
            assertThat(OnCall.whoIsOnCall(schedule, t).map(OnCallAt::userId))
                    .as("at %s", t)
                    .isEqualTo(fromShifts);
        }
    }

    @Property
    void aRangeSplitInTwoGivesTheSameShifts(
            @ForAll("schedules") Schedule schedule,
            @ForAll @LongRange(min = -10 * DAY, max = 400 * DAY) long fromOffset,
            @ForAll @LongRange(min = 2, max = 30 * DAY) long seconds,
            @ForAll @LongRange(min = 1, max = 30 * DAY) long split) {
        Instant from = BASE.plusSeconds(fromOffset);
        Instant to = from.plusSeconds(seconds);
        Instant mid = from.plusSeconds(split % seconds);
        List<Shift> parts = new ArrayList<>(OnCall.shifts(schedule, from, mid));
        List<Shift> second = OnCall.shifts(schedule, mid, to);
        if (!parts.isEmpty() && !second.isEmpty()) {
            Shift last = parts.getLast();
            if (last.end().equals(second.getFirst().start())
                    && last.userId() == second.getFirst().userId()) {
                parts.set(
                        parts.size() - 1,
                        new Shift(last.userId(), last.start(), second.getFirst().end(), ""));
                second = second.subList(1, second.size());
            }
        }
        parts.addAll(second);
        assertThat(spans(parts)).isEqualTo(spans(OnCall.shifts(schedule, from, to)));
    }

    @Property
    void oneUnrestrictedLayerWithoutOverridesAlwaysHasSomeoneOnAfterItsStart(
            @ForAll("zones") ZoneId zone,
            @ForAll("unrestrictedLayers") Layer layer,
            @ForAll @LongRange(min = 0, max = 400 * DAY) long after,
            @ForAll @LongRange(min = 1, max = 30 * DAY) long seconds) {
        Schedule schedule = new Schedule("S", zone, List.of(layer), List.of());
        Instant from = layer.start().plusSeconds(after);
        Instant to = from.plusSeconds(seconds);
        assertThat(OnCall.whoIsOnCall(schedule, from)).isPresent();
        assertThat(OnCall.whoIsOnCall(schedule, to.minusNanos(1))).isPresent();
        List<Shift> shifts = OnCall.shifts(schedule, from, to);
        assertThat(shifts.getFirst().start()).isEqualTo(from);
        assertThat(shifts.getLast().end()).isEqualTo(to);
        for (int i = 1; i < shifts.size(); i++) {
            assertThat(shifts.get(i).start())
                    .as("contiguous")
                    .isEqualTo(shifts.get(i - 1).end());
        }
    }

    @Property
    void anOverrideDecidesInsideItsRangeAndChangesNothingOutside(
            @ForAll("schedules") Schedule schedule,
            @ForAll @LongRange(min = -10 * DAY, max = 400 * DAY) long startOffset,
            @ForAll @LongRange(min = 1, max = 10 * DAY) long seconds,
            @ForAll @IntRange(min = 1, max = 9) int userId,
            @ForAll @Size(10) List<@LongRange(min = 0, max = Long.MAX_VALUE) Long> samples) {
        Instant start = BASE.plusSeconds(startOffset);
        Instant end = start.plusSeconds(seconds);
        List<ScheduleOverride> overrides = new ArrayList<>(schedule.overrides());
        overrides.add(ScheduleOverride.covering(userId, start, end));
        Schedule overridden = new Schedule(schedule.name(), schedule.zone(), schedule.layers(), overrides);

        List<Instant> inside = new ArrayList<>(List.of(start, end.minusNanos(1)));
        samples.forEach(sample -> inside.add(start.plusNanos(sample % (seconds * 1_000_000_000L))));
        for (Instant t : inside) {
            assertThat(OnCall.whoIsOnCall(overridden, t)).contains(new OnCallAt(userId, Shift.OVERRIDE));
        }
        List<Instant> outside = new ArrayList<>(List.of(start.minusNanos(1), end));
        samples.forEach(sample -> {
            long nanos = sample % (20 * DAY * 1_000_000_000L);
            outside.add(start.minusNanos(1 + nanos));
            outside.add(end.plusNanos(nanos));
        });
        for (Instant t : outside) {
            assertThat(OnCall.whoIsOnCall(overridden, t)).isEqualTo(OnCall.whoIsOnCall(schedule, t));
        }
    }

    @Property
    void overKFullCyclesEachParticipantGetsExactlyKShifts(
            @ForAll("zones") ZoneId zone,
            @ForAll("rotations") Rotation rotation,
            @ForAll("handoffs") LocalTime handoff,
            @ForAll @LongRange(min = 0, max = 400 * DAY) long startOffset,
            @ForAll @IntRange(min = 2, max = 6) int people,
            @ForAll @IntRange(min = 1, max = 4) int cycles) {
        List<Long> participants = ids(people);
        Layer layer = new Layer("L", participants, BASE.plusSeconds(startOffset), handoff, rotation);
        Schedule schedule = new Schedule("S", zone, List.of(layer), List.of());
        Instant cycleEnd = new HandOffs(layer, zone).at((long) cycles * people);

        List<Shift> shifts = OnCall.shifts(schedule, layer.start(), cycleEnd);

        assertThat(shifts).hasSize(cycles * people);
        Map<Long, Integer> counts = new HashMap<>();
        shifts.forEach(shift -> counts.merge(shift.userId(), 1, Integer::sum));
        assertThat(counts)
                .hasSize(people)
                .allSatisfy((user, count) -> assertThat(count).isEqualTo(cycles));
        for (Shift shift : shifts.subList(1, shifts.size())) {
            if (rotation.unit() == Rotation.Unit.HOURS) {
                assertThat(shift.duration()).isEqualTo(Duration.ofHours(rotation.length()));
            } else {
                var transition = zone.getRules()
                        .getTransition(shift.start().atZone(zone).toLocalDate().atTime(handoff));
                if (transition == null || !transition.isGap()) {
                    assertThat(shift.start().atZone(zone).toLocalTime())
                            .as("hand-off at the local time")
                            .isEqualTo(handoff);
                }
                Duration nominal = Duration.ofDays(rotation.calendarDays());
                assertThat(shift.duration()).isBetween(nominal.minusHours(2), nominal.plusHours(2));
            }
        }
    }

    @Property
    void jumpingToAShiftAgreesWithWalkingFromTheEpoch(
            @ForAll("zones") ZoneId zone,
            @ForAll("unrestrictedLayers") Layer layer,
            @ForAll @LongRange(min = 0, max = 120 * DAY) long after) {
        HandOffs handOffs = new HandOffs(layer, zone);
        Instant t = layer.start().plusSeconds(after);
        long walked = 0;
        while (!handOffs.at(walked + 1).isAfter(t)) {
            walked++;
        }
        assertThat(handOffs.indexAt(t)).isEqualTo(walked);
    }

    private static List<Long> ids(int people) {
        return IntStream.rangeClosed(1, people).mapToObj(i -> (long) i).toList();
    }

    private static List<String> spans(List<Shift> shifts) {
        return shifts.stream()
                .map(s -> s.userId() + "@" + s.start() + "/" + s.end())
                .toList();
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                        "UTC",
                        "Europe/Paris",
                        "America/New_York",
                        "Australia/Lord_Howe",
                        "America/Santiago",
                        "Asia/Kathmandu")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<Rotation> rotations() {
        return Arbitraries.oneOf(
                Arbitraries.just(Rotation.daily()),
                Arbitraries.just(Rotation.weekly()),
                Arbitraries.integers().between(2, 4).map(Rotation::days),
                Arbitraries.integers().between(1, 72).map(Rotation::hours));
    }

    @Provide
    Arbitrary<LocalTime> handoffs() {
        return Arbitraries.oneOf(
                Arbitraries.of(LocalTime.of(2, 30), LocalTime.of(1, 30), LocalTime.MIDNIGHT, LocalTime.of(9, 0)),
                Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60)));
    }

    Arbitrary<Restriction> restrictions() {
        Arbitrary<LocalTime> halfHours =
                Arbitraries.integers().between(0, 47).map(h -> LocalTime.of(h / 2, h % 2 * 30));
        return Combinators.combine(Arbitraries.of(DayOfWeek.class), halfHours, halfHours)
                .as(Restriction::new);
    }

    Arbitrary<Layer> layers(boolean restricted) {
        Arbitrary<List<Long>> participants =
                Arbitraries.longs().between(1, 6).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Instant> starts = Arbitraries.longs().between(0, 60 * DAY).map(BASE::plusSeconds);
        Arbitrary<List<Restriction>> restrictions =
                restricted ? restrictions().list().ofMaxSize(3) : Arbitraries.just(List.of());
        return Combinators.combine(participants, starts, handoffs(), rotations(), restrictions)
                .as((people, start, handoff, rotation, windows) ->
                        new Layer("L", people, start, handoff, rotation, windows));
    }

    @Provide
    Arbitrary<Layer> unrestrictedLayers() {
        return layers(false);
    }

    Arbitrary<ScheduleOverride> overrides() {
        Arbitrary<Instant> starts =
                Arbitraries.longs().between(-5 * DAY, 400 * DAY).map(BASE::plusSeconds);
        Arbitrary<Long> lengths = Arbitraries.longs().between(60, 3 * DAY);
        Arbitrary<Long> replaced = Arbitraries.longs().between(1, 6).injectNull(0.5);
        return Combinators.combine(Arbitraries.longs().between(1, 9), starts, lengths, replaced)
                .as((user, start, length, replaces) ->
                        new ScheduleOverride(user, start, start.plusSeconds(length), replaces));
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        Arbitrary<List<Layer>> layers = layers(true)
                .list()
                .ofMinSize(0)
                .ofMaxSize(3)
                .map(list -> IntStream.range(0, list.size())
                        .mapToObj(i -> {
                            Layer l = list.get(i);
                            return new Layer(
                                    "L" + i, l.participants(), l.start(), l.handoff(), l.rotation(), l.restrictions());
                        })
                        .toList());
        return Combinators.combine(zones(), layers, overrides().list().ofMaxSize(4))
                .as((zone, list, overrides) -> new Schedule("S", zone, list, overrides));
    }
}
