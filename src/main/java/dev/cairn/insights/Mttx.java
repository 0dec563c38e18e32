package dev.cairn.insights;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.shared.InvalidInputException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Time to detect, acknowledge, mitigate and resolve as distributions: median and p90 (nearest
 * rank), a histogram, groups by severity, service or team, and a monthly series with annotations.
 * Every bar and point names the range of incidents behind it for the drill-down.
 */
@Service
public class Mttx {

    /** Each metric and where it is measured from. */
    public enum Metric {
        TTD("Time to detect", "impact start → detected", "ttd_s"),
        TTA("Time to acknowledge", "detected (or declared) → acknowledged", "tta_s"),
        TTM("Time to mitigate", "impact start (or declared) → mitigated", "ttm_s"),
        TTR("Time to resolve", "impact start (or declared) → resolved", "ttr_s");

        public final String label;
        public final String definition;
        final String column;

        Metric(String label, String definition, String column) {
            this.label = label;
            this.definition = definition;
            this.column = column;
        }

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Metric parse(String value) {
            if (value == null || value.isBlank()) {
                return TTR;
            }
            for (Metric m : values()) {
                if (m.json().equalsIgnoreCase(value.strip())) {
                    return m;
                }
            }
            throw new InvalidInputException("metric", "must be one of ttd, tta, ttm, ttr");
        }
    }

    public enum GroupBy {
        SEVERITY,
        SERVICE,
        TEAM;

        public static GroupBy parse(String value) {
            if (value == null || value.isBlank()) {
                return SEVERITY;
            }
            for (GroupBy g : values()) {
                if (g.name().equalsIgnoreCase(value.strip())) {
                    return g;
                }
            }
            throw new InvalidInputException("by", "must be one of severity, service, team");
        }
    }

    /** Histogram buckets in seconds: [min, max), the last one open. */
    public static final long[] BUCKETS = {0, 900, 1800, 3600, 7200, 14400, 28800, 86400};

    public record Distribution(String metric, String label, long count, Long medianSeconds, Long p90Seconds) {}

    public record Group(String group, long incidents, List<Distribution> metrics, boolean hidden) {}

    public record Bucket(String label, long minSeconds, Long maxSeconds, long incidents) {}

    public record Point(
            String period, LocalDate start, LocalDate end, long incidents, Long medianSeconds, Long p90Seconds) {}

    public record Report(
            String metric,
            String metricLabel,
            String definition,
            List<Distribution> overall,
            List<Group> groups,
            List<Bucket> histogram,
            List<Point> series,
            List<Annotations.Annotation> annotations) {}

    private record Fact(long id, String severity, boolean isPrivate, long month, Long[] values) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Services services;
    private final Teams teams;
    private final Annotations annotations;

    Mttx(NamedParameterJdbcTemplate jdbc, Services services, Teams teams, Annotations annotations) {
        this.jdbc = jdbc;
        this.services = services;
        this.teams = teams;
        this.annotations = annotations;
    }

    public Report report(InsightsFilter filter, Metric metric, GroupBy by, Actor reader) {
        MapSqlParameterSource params = filter.params();
        List<Fact> facts = new ArrayList<>();
        jdbc.query(
                "select i.incident_id, i.severity, i.type, " + Periods.MONTH.sql("i.declared_at")
                        + " k, i.ttd_s, i.tta_s, i.ttm_s, i.ttr_s from insights_incidents i where "
                        + filter.where("i", true),
                params,
                rs -> {
                    Long[] values = new Long[4];
                    for (int i = 0; i < 4; i++) {
                        long v = rs.getLong(5 + i);
                        values[i] = rs.wasNull() ? null : v;
                    }
                    facts.add(new Fact(
                            rs.getLong(1), rs.getString(2), "private".equals(rs.getString(3)), rs.getLong(4), values));
                });
        int m = metric.ordinal();

        Map<String, List<Fact>> groups = new TreeMap<>();
        if (by == GroupBy.SEVERITY) {
            facts.forEach(f ->
                    groups.computeIfAbsent(f.severity(), k -> new ArrayList<>()).add(f));
        } else {
            Map<Long, Fact> byId = new HashMap<>();
            facts.forEach(f -> byId.put(f.id(), f));
            Map<Long, String> names = new HashMap<>();
            if (by == GroupBy.SERVICE) {
                services.all().forEach(s -> names.put(s.id(), s.name()));
            } else {
                teams.all().forEach(t -> names.put(t.id(), t.name()));
            }
            String column = by == GroupBy.SERVICE ? "s.service_id" : "s.team_id";
            jdbc.query(
                    "select distinct s.incident_id, " + column + " from insights_incidents i"
                            + " join insights_incident_services s on s.incident_id = i.incident_id where "
                            + filter.where("i", true) + " and " + column + " is not null",
                    params,
                    rs -> {
                        Fact f = byId.get(rs.getLong(1));
                        if (f != null) {
                            groups.computeIfAbsent(
                                            names.getOrDefault(rs.getLong(2), "#" + rs.getLong(2)),
                                            k -> new ArrayList<>())
                                    .add(f);
                        }
                    });
        }
        List<Group> groupRows = new ArrayList<>();
        groups.forEach((name, list) -> {
            long privates = list.stream().filter(Fact::isPrivate).count();
            boolean hidden = Privacy.hidden(reader, list.size(), privates);
            groupRows.add(new Group(name, hidden ? 0 : list.size(), hidden ? List.of() : distributions(list), hidden));
        });
        groupRows.sort(Comparator.comparingLong(Group::incidents).reversed().thenComparing(Group::group));

        List<Bucket> histogram = new ArrayList<>();
        for (int b = 0; b < BUCKETS.length; b++) {
            long min = BUCKETS[b];
            Long max = b + 1 < BUCKETS.length ? BUCKETS[b + 1] : null;
            long count = facts.stream()
                    .map(f -> f.values()[m])
                    .filter(v -> v != null && v >= min && (max == null || v < max))
                    .count();
            histogram.add(new Bucket(label(min, max), min, max, count));
        }

        TreeMap<Long, List<Fact>> months = new TreeMap<>();
        facts.forEach(
                f -> months.computeIfAbsent(f.month(), k -> new ArrayList<>()).add(f));
        List<Point> series = new ArrayList<>();
        months.forEach((key, list) -> {
            long privates = list.stream().filter(Fact::isPrivate).count();
            if (Privacy.hidden(reader, list.size(), privates)) {
                return;
            }
            List<Long> values =
                    list.stream().map(f -> f.values()[m]).filter(v -> v != null).toList();
            series.add(new Point(
                    Periods.MONTH.label(key),
                    Periods.MONTH.start(key),
                    Periods.MONTH.end(key),
                    values.size(),
                    Stats.median(values),
                    Stats.percentile(values, 90)));
        });
        LocalDate fromDate = filter.from().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        LocalDate toDate =
                filter.to().atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1);
        return new Report(
                metric.json(),
                metric.label,
                metric.definition,
                distributions(facts),
                groupRows,
                histogram,
                series,
                annotations.between(fromDate, toDate));
    }

    /** Incident ids whose metric lies in [min, max) within the filter, newest first. */
    public List<Long> incidentIds(InsightsFilter filter, Metric metric, Long min, Long max) {
        MapSqlParameterSource params = filter.params().addValue("min", min).addValue("max", max);
        String sql = "select i.incident_id from insights_incidents i where " + filter.where("i", true)
                + (min == null && max == null ? "" : " and i." + metric.column + " is not null")
                + (min == null ? "" : " and i." + metric.column + " >= :min")
                + (max == null ? "" : " and i." + metric.column + " < :max")
                + " order by i.declared_at desc, i.incident_id desc limit " + Visible.LIST_LIMIT * 2;
        return jdbc.queryForList(sql, params, Long.class);
    }

    private static List<Distribution> distributions(List<Fact> facts) {
        List<Distribution> result = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            List<Long> values = facts.stream()
                    .map(f -> f.values()[metric.ordinal()])
                    .filter(v -> v != null)
                    .toList();
            result.add(new Distribution(
                    metric.json(), metric.label, values.size(), Stats.median(values), Stats.percentile(values, 90)));
        }
        return result;
    }

    static String label(long min, Long max) {
        return max == null ? "≥ " + human(min) : human(min) + "–" + human(max);
    }

    static String human(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (seconds == 0) {
            return "0";
        }
        if (seconds % 3600 == 0) {
            return d.toHours() + " h";
        }
        return d.toMinutes() + " min";
    }
}
