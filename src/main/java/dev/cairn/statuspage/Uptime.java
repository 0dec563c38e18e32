package dev.cairn.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Uptime of a component from published status page incidents. Each public update sets the
 * component's impact from its time until the next update (or the resolution, or now); that time
 * counts as down by the impact's {@link Impact#weight weight}. Where incidents overlap, the worst
 * impact counts once. Uptime = 1 − weighted down time ÷ time in the window (the last {@code days}
 * UTC days, today until now). Maintenance windows do not count as down.
 */
public final class Uptime {

    public static final int DAYS = 90;
    public static final String FORMULA = "Uptime = 100% × (1 − weighted down time ÷ time in the last 90 days)."
            + " Down time is the time a published incident marked the component: a major outage counts fully,"
            + " a partial outage half, degraded performance a tenth. Overlapping incidents count once, at the"
            + " worst impact. Scheduled maintenance does not count.";

    private Uptime() {}

    public record Interval(Instant start, Instant end, double weight) {}

    /** One day of the bar: its uptime (0–1) and the worst impact seen that day. */
    public record Day(LocalDate date, double uptime, Impact worst) {

        public String percent() {
            return Uptime.format(uptime);
        }
    }

    public record Result(double uptime, List<Day> days) {

        public String percent() {
            return Uptime.format(uptime);
        }
    }

    /** 99.95%, never rounded up to 100% while there was any down time. */
    public static String format(double uptime) {
        double percent = Math.floor(uptime * 10000) / 100;
        return String.format(java.util.Locale.ROOT, "%.2f%%", percent);
    }

    /** The intervals in which published incidents marked a component, from their updates. */
    public static List<Interval> intervals(List<StatusIncident> incidents, long componentId, Instant now) {
        List<Interval> intervals = new ArrayList<>();
        for (StatusIncident incident : incidents) {
            List<StatusIncident.Update> chronological = new ArrayList<>(incident.updates());
            chronological.sort(
                    Comparator.comparing(StatusIncident.Update::at).thenComparing(StatusIncident.Update::id));
            Instant end = incident.resolvedAt() != null ? incident.resolvedAt() : now;
            for (int i = 0; i < chronological.size(); i++) {
                StatusIncident.Update update = chronological.get(i);
                if (update.status() == PublicStatus.RESOLVED) {
                    break;
                }
                Instant until =
                        i + 1 < chronological.size() ? chronological.get(i + 1).at() : end;
                if (until.isAfter(end)) {
                    until = end;
                }
                double weight = update.impacts()
                        .getOrDefault(componentId, Impact.OPERATIONAL)
                        .weight();
                if (weight > 0 && until.isAfter(update.at())) {
                    intervals.add(new Interval(update.at(), until, weight));
                }
            }
        }
        return intervals;
    }

    public static Result compute(List<Interval> intervals, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        double[] down = new double[days];
        double[] worst = new double[days];
        // Sweep the boundaries in time order, keeping the weights in force: the worst one counts.
        List<Instant[]> events = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Interval interval : intervals) {
            Instant start = interval.start().isBefore(from) ? from : interval.start();
            Instant end = interval.end().isAfter(now) ? now : interval.end();
            if (end.isAfter(start)) {
                events.add(new Instant[] {start, end});
                weights.add(interval.weight());
            }
        }
        record Edge(Instant at, double weight, boolean open) {}
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            edges.add(new Edge(events.get(i)[0], weights.get(i), true));
            edges.add(new Edge(events.get(i)[1], weights.get(i), false));
        }
        edges.sort(Comparator.comparing(Edge::at));
        TreeMap<Double, Integer> active = new TreeMap<>();
        Instant previous = from;
        for (Edge edge : edges) {
            if (!active.isEmpty() && edge.at().isAfter(previous)) {
                spread(previous, edge.at(), active.lastKey(), from, down, worst);
            }
            previous = edge.at();
            if (edge.open()) {
                active.merge(edge.weight(), 1, Integer::sum);
            } else {
                active.computeIfPresent(edge.weight(), (k, v) -> v == 1 ? null : v - 1);
            }
        }
        List<Day> result = new ArrayList<>();
        double totalDown = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = d == days - 1 ? now : start.plus(1, ChronoUnit.DAYS);
            double length = Math.max(1, Duration.between(start, end).toMillis());
            totalDown += down[d];
            result.add(new Day(date, Math.max(0, 1 - down[d] / length), impactOf(worst[d])));
        }
        double window = Math.max(1, Duration.between(from, now).toMillis());
        return new Result(Math.max(0, 1 - totalDown / window), List.copyOf(result));
    }

    private static void spread(Instant a, Instant b, double weight, Instant from, double[] down, double[] worst) {
        Instant cursor = a;
        while (cursor.isBefore(b)) {
            int day = (int) ChronoUnit.DAYS.between(from, cursor);
            Instant dayEnd = from.plus(day + 1L, ChronoUnit.DAYS);
            Instant end = dayEnd.isBefore(b) ? dayEnd : b;
            if (day >= 0 && day < down.length) {
                down[day] += weight * Duration.between(cursor, end).toMillis();
                worst[day] = Math.max(worst[day], weight);
            }
            cursor = end;
        }
    }

    private static Impact impactOf(double weight) {
        Impact found = Impact.OPERATIONAL;
        for (Impact impact : Impact.values()) {
            if (impact.weight() <= weight) {
                found = impact;
            }
        }
        return found;
    }
}
