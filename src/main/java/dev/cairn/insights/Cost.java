package dev.cairn.insights;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.incident.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** Cost beyond duration: the cost model applied per incident, summed per service, team and month. */
@Service
public class Cost {

    private final NamedParameterJdbcTemplate jdbc;
    private final CostModels models;
    private final Services services;
    private final Teams teams;
    private final Visible visible;

    Cost(NamedParameterJdbcTemplate jdbc, CostModels models, Services services, Teams teams, Visible visible) {
        this.jdbc = jdbc;
        this.models = models;
        this.services = services;
        this.teams = teams;
        this.visible = visible;
    }

    public record IncidentCost(
            long incidentId,
            String reference,
            String title,
            String severity,
            Instant declaredAt,
            long people,
            CostModel.Breakdown breakdown) {}

    public record GroupCost(
            String group,
            long incidents,
            double responseHours,
            double nightHours,
            double interruptedHours,
            double reviewHours,
            double cost,
            boolean hidden) {}

    public record Report(
            CostModel model,
            String formula,
            GroupCost total,
            List<GroupCost> months,
            List<GroupCost> services,
            List<GroupCost> teams,
            List<IncidentCost> incidents) {}

    private record Fact(long id, String severity, boolean isPrivate, long month, long people, CostModel.Breakdown b) {}

    public Report report(InsightsFilter filter, Actor reader) {
        CostModel model = models.current();
        MapSqlParameterSource params = filter.params()
                .addValue("wc", model.weightCommander())
                .addValue("wm", model.weightComms())
                .addValue("wp", model.weightParticipant())
                .addValue("wo", model.weightObserver());
        Map<Long, Fact> facts = new LinkedHashMap<>();
        // Weighted sums from the per-role-class columns: any weights, no join over people.
        String weighted = "(:wc * i.min_c + :wm * i.min_m + :wp * i.min_p + :wo * i.min_o)";
        String sleep = "(:wc * i.sleep_c + :wm * i.sleep_m + :wp * i.sleep_p + :wo * i.sleep_o)";
        String interrupted = "(case when :wc > 0 then i.work_c else 0 end + case when :wm > 0 then i.work_m else 0 end"
                + " + case when :wp > 0 then i.work_p else 0 end + case when :wo > 0 then i.work_o else 0 end)";
        jdbc.query(
                "select i.incident_id, i.severity, i.type, " + Periods.MONTH.sql("i.declared_at") + " k, " + weighted
                        + ", " + sleep + ", " + interrupted + ", i.people + i.watchers"
                        + " from insights_incidents i where " + filter.where("i", true),
                params,
                rs -> {
                    CostModel.Breakdown b =
                            model.cost(rs.getString(2), rs.getDouble(5), rs.getDouble(6), rs.getLong(7));
                    facts.put(
                            rs.getLong(1),
                            new Fact(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    "private".equals(rs.getString(3)),
                                    rs.getLong(4),
                                    rs.getLong(8),
                                    b));
                });
        Map<Long, List<Long>> servicesOf = new HashMap<>();
        Map<Long, List<Long>> teamsOf = new HashMap<>();
        jdbc.query(
                "select s.incident_id, s.service_id, s.team_id from insights_incidents i"
                        + " join insights_incident_services s on s.incident_id = i.incident_id where "
                        + filter.where("i", true),
                params,
                rs -> {
                    servicesOf
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getLong(2));
                    long team = rs.getLong(3);
                    if (!rs.wasNull()) {
                        List<Long> list = teamsOf.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                        if (!list.contains(team)) {
                            list.add(team);
                        }
                    }
                });
        Map<Long, String> serviceNames = new HashMap<>();
        services.all().forEach(s -> serviceNames.put(s.id(), s.name()));
        Map<Long, String> teamNames = new HashMap<>();
        teams.all().forEach(t -> teamNames.put(t.id(), t.name()));

        TreeMap<String, Acc> months = new TreeMap<>();
        Map<String, Acc> byService = new HashMap<>();
        Map<String, Acc> byTeam = new HashMap<>();
        Acc total = new Acc("All incidents");
        for (Fact f : facts.values()) {
            total.add(f);
            String month = Periods.MONTH.label(f.month());
            months.computeIfAbsent(month, Acc::new).add(f);
            for (long s : servicesOf.getOrDefault(f.id(), List.of())) {
                String name = serviceNames.getOrDefault(s, "#" + s);
                byService.computeIfAbsent(name, Acc::new).add(f);
            }
            List<Long> owners = teamsOf.getOrDefault(f.id(), List.of());
            if (owners.isEmpty()) {
                byTeam.computeIfAbsent("(no owning team)", Acc::new).add(f);
            }
            for (long t : owners) {
                byTeam.computeIfAbsent(teamNames.getOrDefault(t, "#" + t), Acc::new)
                        .add(f);
            }
        }
        List<Long> costliest = Stats.top(
                        facts.values(), Visible.LIST_LIMIT * 2, Comparator.comparingDouble((Fact f) -> f.b().cost()))
                .stream()
                .map(Fact::id)
                .toList();
        List<IncidentCost> incidents = new ArrayList<>();
        for (Incident incident : visible.incidents(costliest, reader)) {
            Fact f = facts.get(incident.id());
            incidents.add(new IncidentCost(
                    incident.id(),
                    incident.reference(),
                    incident.title(),
                    incident.severity(),
                    incident.declaredAt(),
                    f.people(),
                    f.b()));
        }
        return new Report(
                model,
                CostModel.FORMULA,
                total.result(reader),
                months.values().stream().map(a -> a.result(reader)).toList(),
                sorted(byService, reader),
                sorted(byTeam, reader),
                incidents);
    }

    private static List<GroupCost> sorted(Map<String, Acc> groups, Actor reader) {
        return groups.values().stream()
                .map(a -> a.result(reader))
                .sorted(Comparator.comparingDouble(GroupCost::cost).reversed().thenComparing(GroupCost::group))
                .toList();
    }

    private static final class Acc {
        final String group;
        long incidents;
        long privates;
        double response;
        double night;
        double interrupted;
        double review;
        double cost;

        Acc(String group) {
            this.group = group;
        }

        void add(Fact f) {
            incidents++;
            privates += f.isPrivate() ? 1 : 0;
            response += f.b().responseHours();
            night += f.b().nightHours();
            interrupted += f.b().interruptedHours();
            review += f.b().reviewHours();
            cost += f.b().cost();
        }

        GroupCost result(Actor reader) {
            boolean hidden = Privacy.hidden(reader, incidents, privates);
            return hidden
                    ? new GroupCost(group, 0, 0, 0, 0, 0, 0, true)
                    : new GroupCost(
                            group,
                            incidents,
                            r(response),
                            r(night),
                            r(interrupted),
                            r(review),
                            Math.round(cost),
                            false);
        }

        private static double r(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }
}
