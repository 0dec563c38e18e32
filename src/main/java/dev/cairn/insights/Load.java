package dev.cairn.insights;

import dev.cairn.identity.Actor;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.OnCall;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.Schedules;
import dev.cairn.oncall.Shift;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Load per person and team: hours in incidents split into each person's own time-of-day bands,
 * hours on call, pages received and incidents by role, with people far above their team flagged.
 */
@Service
public class Load {

    public static final double FLAG_FACTOR = 2.0;
    public static final double FLAG_MIN_HOURS = 2.0;
    public static final int FLAG_MIN_TEAM = 3;
    public static final String RULE = "Flagged: incident hours more than " + (int) FLAG_FACTOR
            + "× the median of the person's team (teams of " + FLAG_MIN_TEAM + "+ people, counting members with"
            + " no incidents as 0), and at least " + (int) FLAG_MIN_HOURS + " hours.";

    private final NamedParameterJdbcTemplate jdbc;
    private final Users users;
    private final Teams teams;
    private final Schedules schedules;
    private final Bands bands;
    private final Clock clock;

    Load(NamedParameterJdbcTemplate jdbc, Users users, Teams teams, Schedules schedules, Bands bands, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.teams = teams;
        this.schedules = schedules;
        this.bands = bands;
        this.clock = clock;
    }

    public record PersonLoad(
            long userId,
            String name,
            String timeZone,
            String teams,
            long incidents,
            double hours,
            double workHours,
            double eveningHours,
            double sleepHours,
            double weekendHours,
            double onCallHours,
            double onCallSleepHours,
            long pages,
            long asCommander,
            long asCommsOrScribe,
            long asParticipant,
            long asObserver,
            boolean flagged,
            boolean hidden) {}

    public record PeriodLoad(
            String period,
            java.time.LocalDate start,
            long incidents,
            double workHours,
            double eveningHours,
            double sleepHours,
            double weekendHours,
            boolean hidden) {}

    public record TeamLoad(long teamId, String name, int members, double hours, double medianHours, long pages) {}

    public record Report(
            List<PersonLoad> people,
            List<TeamLoad> teams,
            List<PeriodLoad> periods,
            Instant onCallFrom,
            Instant onCallTo,
            String rule,
            String bands) {}

    public Report report(InsightsFilter filter, Periods interval, Actor reader) {
        Map<Long, List<TeamView>> teamsOfUser = new HashMap<>();
        List<TeamView> allTeams = teams.all();
        for (TeamView team : allTeams) {
            team.members()
                    .forEach(m -> teamsOfUser
                            .computeIfAbsent(m.id(), k -> new ArrayList<>())
                            .add(team));
        }
        Set<Long> teamMembers = filter.team() == null
                ? null
                : allTeams.stream()
                        .filter(t -> t.id() == filter.team())
                        .flatMap(t -> t.members().stream())
                        .map(UserView::id)
                        .collect(Collectors.toSet());
        String where = filter.where("p", false) + (teamMembers == null ? "" : " and p.user_id in (:members)");
        MapSqlParameterSource params = filter.params()
                .addValue("members", teamMembers == null || teamMembers.isEmpty() ? List.of(-1L) : teamMembers);

        Map<Long, long[]> facts = new LinkedHashMap<>();
        jdbc.query(
                "select p.user_id, count(*), sum(case when p.type = 'private' then 1 else 0 end),"
                        + " sum(p.minutes_total), sum(p.minutes_work), sum(p.minutes_evening), sum(p.minutes_sleep),"
                        + " sum(p.minutes_weekend), sum(case when p.role = 'commander' then 1 else 0 end),"
                        + " sum(case when p.role in ('communications_lead', 'scribe') then 1 else 0 end),"
                        + " sum(case when p.role in ('participant', 'subject_matter_expert') then 1 else 0 end),"
                        + " sum(case when p.role = 'observer' then 1 else 0 end)"
                        + " from insights_people p where " + where + " group by p.user_id",
                params,
                rs -> {
                    long[] row = new long[11];
                    for (int i = 0; i < 11; i++) {
                        row[i] = rs.getLong(i + 2);
                    }
                    facts.put(rs.getLong(1), row);
                });

        Map<Long, Long> pages = new HashMap<>();
        jdbc.query(
                "select e.user_id, count(*) from page_events e where e.kind = 'notified' and e.user_id is not null"
                        + " and e.at >= :from and e.at < :to group by e.user_id",
                params,
                rs -> {
                    pages.put(rs.getLong(1), rs.getLong(2));
                });

        Instant onCallTo = min(filter.to(), clock.instant());
        Instant onCallFrom = filter.from();
        if (onCallFrom.isBefore(onCallTo.minus(Schedules.MAX_RANGE))) {
            onCallFrom = onCallTo.minus(Schedules.MAX_RANGE);
        }
        Map<Long, List<Shift>> shiftsOf = new HashMap<>();
        if (onCallTo.isAfter(onCallFrom)) {
            for (ScheduleView schedule : schedules.all()) {
                for (Shift shift : OnCall.shifts(schedule.schedule(), onCallFrom, onCallTo)) {
                    shiftsOf.computeIfAbsent(shift.userId(), k -> new ArrayList<>())
                            .add(shift);
                }
            }
        }

        Set<Long> ids = new HashSet<>(facts.keySet());
        ids.addAll(pages.keySet());
        ids.addAll(shiftsOf.keySet());
        if (teamMembers != null) {
            ids.retainAll(teamMembers);
            ids.addAll(teamMembers);
        }
        Map<Long, UserView> people = users.byIds(ids);
        List<PersonLoad> rows = new ArrayList<>();
        for (long id : ids) {
            UserView user = people.get(id);
            if (user == null) {
                continue;
            }
            long[] f = facts.getOrDefault(id, new long[11]);
            ZoneId zone = zone(user.timeZone());
            double onCall = 0;
            double onCallSleep = 0;
            for (Shift shift : shiftsOf.getOrDefault(id, List.of())) {
                onCall += hoursBetween(shift.start(), shift.end());
                onCallSleep += bands.split(shift.start(), shift.end(), zone).sleep() / 3600.0;
            }
            boolean hidden = Privacy.hidden(reader, f[0], f[1]);
            rows.add(new PersonLoad(
                    id,
                    user.name(),
                    user.timeZone(),
                    teamsOfUser.getOrDefault(id, List.of()).stream()
                            .map(TeamView::name)
                            .sorted()
                            .collect(Collectors.joining(", ")),
                    hidden ? 0 : f[0],
                    hidden ? 0 : hours(f[2]),
                    hidden ? 0 : hours(f[3]),
                    hidden ? 0 : hours(f[4]),
                    hidden ? 0 : hours(f[5]),
                    hidden ? 0 : hours(f[6]),
                    round(onCall),
                    round(onCallSleep),
                    pages.getOrDefault(id, 0L),
                    hidden ? 0 : f[7],
                    hidden ? 0 : f[8],
                    hidden ? 0 : f[9],
                    hidden ? 0 : f[10],
                    false,
                    hidden));
        }

        Map<Long, Double> hoursOf = rows.stream().collect(Collectors.toMap(PersonLoad::userId, PersonLoad::hours));
        List<TeamLoad> teamRows = new ArrayList<>();
        Set<Long> flagged = new HashSet<>();
        for (TeamView team : allTeams) {
            if (filter.team() != null && team.id() != filter.team()) {
                continue;
            }
            List<Double> memberHours = team.members().stream()
                    .map(m -> hoursOf.getOrDefault(m.id(), 0.0))
                    .sorted()
                    .toList();
            if (memberHours.isEmpty()) {
                continue;
            }
            double median = medianOf(memberHours);
            if (team.members().size() >= FLAG_MIN_TEAM) {
                team.members().stream()
                        .filter(m -> {
                            double h = hoursOf.getOrDefault(m.id(), 0.0);
                            return h >= FLAG_MIN_HOURS && h > FLAG_FACTOR * median;
                        })
                        .forEach(m -> flagged.add(m.id()));
            }
            teamRows.add(new TeamLoad(
                    team.id(),
                    team.name(),
                    team.members().size(),
                    round(memberHours.stream().mapToDouble(Double::doubleValue).sum()),
                    round(median),
                    team.members().stream()
                            .mapToLong(m -> pages.getOrDefault(m.id(), 0L))
                            .sum()));
        }
        List<PersonLoad> result = rows.stream()
                .map(r -> flagged.contains(r.userId()) ? withFlag(r) : r)
                .sorted(Comparator.comparingDouble(PersonLoad::hours).reversed().thenComparing(PersonLoad::name))
                .toList();
        return new Report(
                result,
                teamRows,
                periods(filter, interval, where, params, reader),
                onCallFrom,
                onCallTo,
                RULE,
                bandsText());
    }

    private List<PeriodLoad> periods(
            InsightsFilter filter, Periods interval, String where, MapSqlParameterSource params, Actor reader) {
        // Incidents per period come from the (ten times smaller) incident facts; hours from people.
        Map<Long, long[]> counts = new HashMap<>();
        String incidentWhere = filter.where("i", false)
                + (filter.team() == null
                        ? ""
                        // A semi-join from the members' own rows (index on user_id, declared_at),
                        // not a probe per incident: 1.2 s became 0.24 s on 100k incidents.
                        : " and i.incident_id in (select m.incident_id from insights_people m"
                                + " where m.user_id in (:members) and m.declared_at >= :from and m.declared_at < :to)");
        jdbc.query(
                "select " + interval.sql("i.declared_at") + " k, count(*),"
                        + " sum(case when i.type = 'private' then 1 else 0 end)"
                        + " from insights_incidents i where " + incidentWhere + " group by k",
                params,
                rs -> {
                    counts.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        TreeMap<Long, PeriodLoad> periods = new TreeMap<>();
        // Without a team, everyone's band minutes per incident are already summed in the incident facts.
        String sql = filter.team() == null
                ? "select " + interval.sql("i.declared_at") + " k, sum(i.band_work), sum(i.band_evening),"
                        + " sum(i.band_sleep), sum(i.band_weekend) from insights_incidents i where " + incidentWhere
                        + " group by k"
                : "select " + interval.sql("p.declared_at") + " k, sum(p.minutes_work), sum(p.minutes_evening),"
                        + " sum(p.minutes_sleep), sum(p.minutes_weekend) from insights_people p where " + where
                        + " group by k";
        jdbc.query(sql, params, rs -> {
            long key = rs.getLong(1);
            long[] c = counts.getOrDefault(key, new long[2]);
            boolean hidden = Privacy.hidden(reader, c[0], c[1]);
            periods.put(
                    key,
                    new PeriodLoad(
                            interval.label(key),
                            interval.start(key),
                            hidden ? 0 : c[0],
                            hidden ? 0 : hours(rs.getLong(2)),
                            hidden ? 0 : hours(rs.getLong(3)),
                            hidden ? 0 : hours(rs.getLong(4)),
                            hidden ? 0 : hours(rs.getLong(5)),
                            hidden));
        });
        return List.copyOf(periods.values());
    }

    public String bandsText() {
        return "Bands in each person's own time zone: working hours weekdays " + bands.workStart() + "–"
                + bands.eveningStart() + ", evenings weekdays " + bands.eveningStart() + "–" + bands.sleepStart()
                + ", sleep hours every day " + bands.sleepStart() + "–" + bands.workStart()
                + ", weekend Saturday and Sunday outside sleep hours.";
    }

    private static PersonLoad withFlag(PersonLoad r) {
        return new PersonLoad(
                r.userId(),
                r.name(),
                r.timeZone(),
                r.teams(),
                r.incidents(),
                r.hours(),
                r.workHours(),
                r.eveningHours(),
                r.sleepHours(),
                r.weekendHours(),
                r.onCallHours(),
                r.onCallSleepHours(),
                r.pages(),
                r.asCommander(),
                r.asCommsOrScribe(),
                r.asParticipant(),
                r.asObserver(),
                true,
                r.hidden());
    }

    static double medianOf(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double hours(long minutes) {
        return round(minutes / 60.0);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double hoursBetween(Instant a, Instant b) {
        return java.time.Duration.between(a, b).toSeconds() / 3600.0;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
