package dev.cairn.insights;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Expertise concentration per service: who takes part in its incidents (watchers excluded), whether
 * they were on call for it when it was declared or pulled in off-call, the top person's share and a
 * Gini coefficient, per range and per quarter.
 */
@Service
public class Expertise {

    public static final int MIN_INCIDENTS = 3;
    public static final double ONE_PERSON = 0.75;
    public static final double TWO_PEOPLE = 0.5;
    public static final String RULE = "Knowledge rests on one or two people when a service had at least "
            + MIN_INCIDENTS + " incidents and one person took part in at least 75% of them, or two people each"
            + " took part in at least 50% of them.";

    private final NamedParameterJdbcTemplate jdbc;
    private final Services services;
    private final Users users;

    Expertise(NamedParameterJdbcTemplate jdbc, Services services, Users users) {
        this.jdbc = jdbc;
        this.services = services;
        this.users = users;
    }

    public record PersonShare(long userId, String name, long incidents, double share, long onCall, long offCall) {}

    public record ServiceExpertise(
            long serviceId,
            String service,
            String team,
            long incidents,
            int people,
            String topPerson,
            double topShare,
            double gini,
            double onCallShare,
            boolean concentrated,
            boolean hidden,
            List<PersonShare> persons) {}

    public record QuarterPoint(String quarter, long incidents, double topShare, double gini, boolean hidden) {}

    public record ServiceTrend(long serviceId, String service, List<QuarterPoint> quarters) {}

    /** One person's share of a service's incidents per quarter (null where the quarter is hidden or empty). */
    public record PersonTrend(long serviceId, String service, long userId, String name, List<Double> shares) {}

    public record Report(
            List<ServiceExpertise> services,
            List<ServiceExpertise> concentrated,
            List<String> quarters,
            List<ServiceTrend> trends,
            List<PersonTrend> personTrends,
            String rule) {}

    private record Count(long incidents, long privates) {}

    /** How many people each service lists unless one service is asked for, or everyone is. */
    public static final int PERSONS_SHOWN = 20;

    /**
     * The report with the top {@link #PERSONS_SHOWN} people per service ({@code people} still counts
     * them all), or everyone when the filter names one service. Over three years of a large
     * organisation "everyone per service" is tens of thousands of rows nobody reads on a page.
     */
    public Report report(InsightsFilter filter, Actor reader) {
        return report(filter, reader, filter.service() != null ? Integer.MAX_VALUE : PERSONS_SHOWN);
    }

    /** The report listing at most {@code personLimit} people per service (CSV exports list them all). */
    public Report report(InsightsFilter filter, Actor reader, int personLimit) {
        MapSqlParameterSource params = filter.params();
        Map<Long, ServiceView> catalog = new HashMap<>();
        services.all().forEach(s -> catalog.put(s.id(), s));
        // Incidents per service and quarter in one pass; the range totals are their sums.
        Periods q = Periods.QUARTER;
        Map<Long, TreeMap<Long, Count>> perQuarter = new HashMap<>();
        jdbc.query(
                "select s.service_id, " + q.sql("i.declared_at") + " k, count(*),"
                        + " sum(case when i.type = 'private' then 1 else 0 end)"
                        + " from insights_incidents i join insights_incident_services s on s.incident_id = i.incident_id"
                        + " where " + filter.where("i", true) + " group by s.service_id, k",
                params,
                rs -> {
                    perQuarter
                            .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                            .put(rs.getLong(2), new Count(rs.getLong(3), rs.getLong(4)));
                });
        Map<Long, Count> perService = new HashMap<>();
        perQuarter.forEach((service, quarters) -> perService.put(
                service,
                new Count(
                        quarters.values().stream().mapToLong(Count::incidents).sum(),
                        quarters.values().stream().mapToLong(Count::privates).sum())));
        Map<Long, Map<Long, long[]>> perPerson = new HashMap<>();
        jdbc.query(
                "select p.service_id, p.user_id, count(*), sum(case when p.on_call then 1 else 0 end)"
                        + " from insights_service_people p where " + filter.where("p", true)
                        + " group by p.service_id, p.user_id",
                params,
                rs -> {
                    perPerson
                            .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .put(rs.getLong(2), new long[] {rs.getLong(3), rs.getLong(4)});
                });
        Set<Long> userIds = new HashSet<>();
        perPerson.values().forEach(m -> userIds.addAll(m.keySet()));
        Map<Long, UserView> people = users.byIds(userIds);

        List<ServiceExpertise> rows = new ArrayList<>();
        for (var entry : perService.entrySet()) {
            long serviceId = entry.getKey();
            ServiceView service = catalog.get(serviceId);
            if (service == null || (filter.service() != null && filter.service() != serviceId)) {
                continue;
            }
            Count count = entry.getValue();
            boolean hidden = Privacy.hidden(reader, count.incidents(), count.privates());
            Map<Long, long[]> byPerson = perPerson.getOrDefault(serviceId, Map.of());
            List<PersonShare> persons = byPerson.entrySet().stream()
                    .map(e -> new PersonShare(
                            e.getKey(),
                            name(people, e.getKey()),
                            e.getValue()[0],
                            share(e.getValue()[0], count.incidents()),
                            e.getValue()[1],
                            e.getValue()[0] - e.getValue()[1]))
                    .sorted(Comparator.comparingLong(PersonShare::incidents)
                            .reversed()
                            .thenComparing(PersonShare::name))
                    .toList();
            long participations =
                    persons.stream().mapToLong(PersonShare::incidents).sum();
            long onCall = persons.stream().mapToLong(PersonShare::onCall).sum();
            double top = persons.isEmpty() ? 0 : persons.getFirst().share();
            double second = persons.size() < 2 ? 0 : persons.get(1).share();
            boolean concentrated = count.incidents() >= MIN_INCIDENTS && (top >= ONE_PERSON || second >= TWO_PEOPLE);
            rows.add(new ServiceExpertise(
                    serviceId,
                    service.name(),
                    service.ownerTeamName() == null ? "" : service.ownerTeamName(),
                    hidden ? 0 : count.incidents(),
                    hidden ? 0 : persons.size(),
                    hidden || persons.isEmpty() ? "" : persons.getFirst().name(),
                    hidden ? 0 : top,
                    hidden
                            ? 0
                            : round(Stats.gini(
                                    persons.stream().map(PersonShare::incidents).toList())),
                    hidden || participations == 0 ? 0 : share(onCall, participations),
                    !hidden && concentrated,
                    hidden,
                    hidden ? List.of() : persons.subList(0, Math.min(personLimit, persons.size()))));
        }
        rows.sort(Comparator.comparingLong(ServiceExpertise::incidents)
                .reversed()
                .thenComparing(ServiceExpertise::service));
        return trends(filter, params, reader, rows, perQuarter);
    }

    private Report trends(
            InsightsFilter filter,
            MapSqlParameterSource params,
            Actor reader,
            List<ServiceExpertise> rows,
            Map<Long, TreeMap<Long, Count>> perQuarter) {
        Periods q = Periods.QUARTER;
        List<ServiceExpertise> shown =
                rows.stream().filter(r -> !r.hidden()).limit(8).toList();
        Map<Long, Map<Long, Map<Long, Long>>> personQuarter = new HashMap<>();
        jdbc.query(
                "select p.service_id, " + q.sql("p.declared_at") + " k, p.user_id, count(*)"
                        + " from insights_service_people p where " + filter.where("p", true)
                        + " and p.service_id in (:shown) group by p.service_id, k, p.user_id",
                new MapSqlParameterSource(params.getValues())
                        .addValue(
                                "shown",
                                shown.isEmpty()
                                        ? List.of(-1L)
                                        : shown.stream()
                                                .map(ServiceExpertise::serviceId)
                                                .toList()),
                rs -> {
                    personQuarter
                            .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .computeIfAbsent(rs.getLong(2), k -> new HashMap<>())
                            .put(rs.getLong(3), rs.getLong(4));
                });
        TreeSet<Long> keys = new TreeSet<>();
        perQuarter.values().forEach(m -> keys.addAll(m.keySet()));
        List<String> labels = keys.stream().map(q::label).toList();
        List<ServiceTrend> trends = new ArrayList<>();
        List<PersonTrend> personTrends = new ArrayList<>();
        for (ServiceExpertise row : shown) {
            TreeMap<Long, Count> counts = perQuarter.getOrDefault(row.serviceId(), new TreeMap<>());
            Map<Long, Map<Long, Long>> byQuarter = personQuarter.getOrDefault(row.serviceId(), Map.of());
            List<QuarterPoint> points = new ArrayList<>();
            for (long key : keys) {
                Count c = counts.get(key);
                if (c == null) {
                    points.add(new QuarterPoint(q.label(key), 0, 0, 0, false));
                    continue;
                }
                boolean hidden = Privacy.hidden(reader, c.incidents(), c.privates());
                List<Long> perPerson =
                        List.copyOf(byQuarter.getOrDefault(key, Map.of()).values());
                long top = perPerson.stream().mapToLong(Long::longValue).max().orElse(0);
                points.add(new QuarterPoint(
                        q.label(key),
                        hidden ? 0 : c.incidents(),
                        hidden ? 0 : share(top, c.incidents()),
                        hidden ? 0 : round(Stats.gini(perPerson)),
                        hidden));
            }
            trends.add(new ServiceTrend(row.serviceId(), row.service(), points));
            for (PersonShare person : row.persons().stream().limit(5).toList()) {
                List<Double> shares = new ArrayList<>();
                for (long key : keys) {
                    Count c = counts.get(key);
                    if (c == null || Privacy.hidden(reader, c.incidents(), c.privates())) {
                        shares.add(null);
                    } else {
                        long n = byQuarter.getOrDefault(key, Map.of()).getOrDefault(person.userId(), 0L);
                        shares.add(share(n, c.incidents()));
                    }
                }
                personTrends.add(
                        new PersonTrend(row.serviceId(), row.service(), person.userId(), person.name(), shares));
            }
        }
        return new Report(
                rows,
                rows.stream().filter(ServiceExpertise::concentrated).toList(),
                labels,
                trends,
                personTrends,
                RULE);
    }

    private static String name(Map<Long, UserView> people, long id) {
        UserView user = people.get(id);
        return user == null ? "#" + id : user.name();
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
