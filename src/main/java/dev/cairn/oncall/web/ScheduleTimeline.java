package dev.cairn.oncall.web;

import dev.cairn.identity.UserView;
import dev.cairn.oncall.LayerShifts;
import dev.cairn.oncall.Shift;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A range of a schedule drawn as rows of blocks, one row per layer and the final result last.
 * Positions are percentages of the range ({@code now} too), so the page lays it out with plain CSS and no script.
 */
record ScheduleTimeline(List<Tick> ticks, List<Row> rows, double now) {

    static final int PALETTE_SIZE = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /** A date line: the local midnight that starts a day, {@code left} percent into the range. */
    record Tick(String label, double left, boolean weekend) {}

    /** One shift: who, where it sits and how wide it is (percent of the range). */
    record Block(String name, String colour, double left, double width, String title) {}

    record Row(String label, boolean result, List<Block> blocks) {}

    static ScheduleTimeline of(
            Instant now,
            ZonedDateTime from,
            ZonedDateTime to,
            List<LayerShifts> layers,
            List<Shift> result,
            Map<Long, UserView> people,
            Map<Long, String> colours) {
        Instant start = from.toInstant();
        double range = Duration.between(start, to.toInstant()).toMillis();
        List<Tick> ticks = new ArrayList<>();
        for (ZonedDateTime day = from.toLocalDate().atStartOfDay(from.getZone());
                day.isBefore(to);
                day = day.toLocalDate().plusDays(1).atStartOfDay(from.getZone())) {
            if (!day.isBefore(from)) {
                int dow = day.getDayOfWeek().getValue();
                ticks.add(new Tick(DAY.format(day), share(start, day.toInstant(), range), dow >= 6));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (LayerShifts layer : layers) {
            rows.add(new Row(
                    layer.layer(), false, blocks(layer.shifts(), start, range, from.getZone(), people, colours)));
        }
        rows.add(new Row("Final", true, blocks(result, start, range, from.getZone(), people, colours)));
        return new ScheduleTimeline(ticks, rows, share(start, now, range));
    }

    /** One colour class per person, in the order they first appear, so a person keeps one colour on the page. */
    static Map<Long, String> colours(List<Long> peopleInOrder) {
        Map<Long, String> colours = new LinkedHashMap<>();
        for (Long id : peopleInOrder) {
            colours.computeIfAbsent(id, k -> "oc-c" + (colours.size() % PALETTE_SIZE));
        }
        return colours;
    }

    static String when(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    private static List<Block> blocks(
            List<Shift> shifts,
            Instant start,
            double range,
            ZoneId zone,
            Map<Long, UserView> people,
            Map<Long, String> colours) {
        return shifts.stream()
                .map(s -> {
                    String name = name(people, s.userId());
                    double left = share(start, s.start(), range);
                    double right = share(start, s.end(), range);
                    return new Block(
                            name,
                            colours.getOrDefault(s.userId(), "oc-c0"),
                            left,
                            Math.max(right - left, 0.0),
                            name + ": " + when(s.start(), zone) + " – " + when(s.end(), zone) + " (" + s.source()
                                    + ")");
                })
                .toList();
    }

    static String name(Map<Long, UserView> people, long userId) {
        UserView user = people.get(userId);
        return user == null ? "user " + userId : user.name();
    }

    private static double share(Instant start, Instant at, double range) {
        double percent = Duration.between(start, at).toMillis() * 100.0 / range;
        return Math.round(Math.min(Math.max(percent, 0.0), 100.0) * 1000.0) / 1000.0;
    }
}
