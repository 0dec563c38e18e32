package dev.cairn.insights.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.insights.Bands;
import dev.cairn.oncall.OnCall;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.Schedules;
import dev.cairn.shared.Times;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the facts of a batch of incidents from the incident, participant, role and timeline
 * tables and replaces their rows. This is the read model's projection: it reads other modules'
 * tables in bulk (read only) because doing so one incident at a time through their APIs would not
 * rebuild 100,000 incidents in minutes.
 */
@Component
public class FactBuilder {

    /** Words are whitespace-separated tokens: one more than the spaces and line breaks of the trimmed text. */
    private static final String WORDS = "case when trim(body) = '' then 0 else length(trim(body))"
            + " - length(replace(replace(trim(body), ' ', ''), '\n', '')) + 1 end";

    private final NamedParameterJdbcTemplate jdbc;
    private final Users users;
    private final Teams teams;
    private final Services services;
    private final Schedules schedules;
    private final Bands bands;
    private final Clock clock;

    FactBuilder(
            NamedParameterJdbcTemplate jdbc,
            Users users,
            Teams teams,
            Services services,
            Schedules schedules,
            Bands bands,
            Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.teams = teams;
        this.services = services;
        this.schedules = schedules;
        this.bands = bands;
        this.clock = clock;
    }

    /** What every batch of one run shares: teams, service owners, schedules, people's zones. */
    public final class Context {
        final Map<Long, List<Long>> teamsOfUser = new HashMap<>();
        final Map<Long, Long> ownerOfService = new HashMap<>();
        final List<ScheduleView> allSchedules;
        final Map<Long, ZoneId> zones = new HashMap<>();
        final Instant now = clock.instant();

        Context() {
            for (TeamView team : teams.all()) {
                team.members()
                        .forEach(m -> teamsOfUser
                                .computeIfAbsent(m.id(), k -> new ArrayList<>())
                                .add(team.id()));
            }
            for (ServiceView service : services.all()) {
                if (service.ownerTeamId() != null) {
                    ownerOfService.put(service.id(), service.ownerTeamId());
                }
            }
            allSchedules = schedules.all();
        }

        ZoneId zone(long userId) {
            return zones.get(userId);
        }
    }

    public Context context() {
        return new Context();
    }

    private record Inc(
            long id,
            String severity,
            String type,
            Instant impact,
            Instant detected,
            Instant declared,
            Instant acknowledged,
            Instant mitigated,
            Instant resolved,
            Long createdBy) {}

    private record Stay(Instant from, Instant to) {}

    private static final class Person {
        final List<Stay> stays = new ArrayList<>();
        String role;
        int messages;
        int words;
    }

    private static final Map<String, Integer> ROLE_RANK =
            Map.of("commander", 0, "communications_lead", 1, "scribe", 2, "subject_matter_expert", 3);

    /** Recomputes the facts of these incidents (ids of deleted incidents lose their facts). */
    @Transactional
    public void rebuild(List<Long> ids, Context ctx) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update("update insights_state set state_value = state_value + 1 where name = 'refresh_lock'", Map.of());
        MapSqlParameterSource p = new MapSqlParameterSource("ids", ids);
        Map<Long, Inc> incs = new LinkedHashMap<>();
        jdbc.query(
                "select id, severity, type, impact_started_at, detected_at, declared_at, acknowledged_at,"
                        + " mitigated_at, resolved_at, created_by from incidents where id in (:ids)",
                p,
                rs -> {
                    incs.put(
                            rs.getLong("id"),
                            new Inc(
                                    rs.getLong("id"),
                                    rs.getString("severity"),
                                    rs.getString("type").toLowerCase(java.util.Locale.ROOT),
                                    Times.instant(rs, "impact_started_at"),
                                    Times.instant(rs, "detected_at"),
                                    Times.instant(rs, "declared_at"),
                                    Times.instant(rs, "acknowledged_at"),
                                    Times.instant(rs, "mitigated_at"),
                                    Times.instant(rs, "resolved_at"),
                                    rs.getObject("created_by") == null ? null : rs.getLong("created_by")));
                });
        Map<Long, List<Long>> servicesOf = new HashMap<>();
        jdbc.query("select incident_id, service_id from incident_services where incident_id in (:ids)", p, rs -> {
            servicesOf.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        Map<Long, Map<Long, Person>> people = new HashMap<>();
        jdbc.query(
                "select incident_id, user_id, joined_at, left_at from incident_participants where incident_id in (:ids)",
                p,
                rs -> {
                    person(people, rs.getLong(1), rs.getLong(2))
                            .stays
                            .add(new Stay(Times.instant(rs, "joined_at"), Times.instant(rs, "left_at")));
                });
        Map<Long, Map<Long, Instant>> roleSince = new HashMap<>();
        jdbc.query(
                "select incident_id, role, user_id, assigned_at from incident_roles where incident_id in (:ids)",
                p,
                rs -> {
                    Person person = person(people, rs.getLong(1), rs.getLong(3));
                    String role = rs.getString(2).toLowerCase(java.util.Locale.ROOT);
                    if (person.role == null
                            || ROLE_RANK.getOrDefault(role, 9) < ROLE_RANK.getOrDefault(person.role, 9)) {
                        person.role = role;
                    }
                    roleSince
                            .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .merge(rs.getLong(3), Times.instant(rs, "assigned_at"), (a, b) -> a.isBefore(b) ? a : b);
                });
        jdbc.query(
                "select incident_id, author_id, count(*), sum(" + WORDS + ") from timeline_entries"
                        + " where incident_id in (:ids) and kind in ('message', 'note', 'update')"
                        + " and deleted_at is null and author_id is not null group by incident_id, author_id",
                p,
                rs -> {
                    Person person = person(people, rs.getLong(1), rs.getLong(2));
                    person.messages = rs.getInt(3);
                    person.words = rs.getInt(4);
                });
        Set<Long> userIds = new HashSet<>();
        people.values().forEach(m -> userIds.addAll(m.keySet()));
        userIds.removeAll(ctx.zones.keySet());
        for (UserView user : users.byIds(userIds).values()) {
            ctx.zones.put(user.id(), zoneOf(user.timeZone()));
        }

        List<SqlParameterSource> incidentRows = new ArrayList<>();
        List<SqlParameterSource> serviceRows = new ArrayList<>();
        List<SqlParameterSource> personRows = new ArrayList<>();
        List<SqlParameterSource> servicePersonRows = new ArrayList<>();
        for (Inc inc : incs.values()) {
            Instant end = inc.resolved() != null ? inc.resolved() : ctx.now;
            Set<Long> onCall = onCallAt(inc, servicesOf.getOrDefault(inc.id(), List.of()), ctx);
            Set<Long> teamIds = new HashSet<>();
            int watchers = 0;
            int messages = 0;
            int words = 0;
            int topWords = 0;
            long[] byClass = new long[16];
            Map<Long, Person> persons = people.getOrDefault(inc.id(), Map.of());
            for (var entry : persons.entrySet()) {
                long userId = entry.getKey();
                Person person = entry.getValue();
                List<Stay> stays = new ArrayList<>(person.stays);
                Instant since = roleSince.getOrDefault(inc.id(), Map.of()).get(userId);
                if (stays.isEmpty() && since != null) {
                    stays.add(new Stay(since, null));
                }
                Bands.Split split = split(stays, inc.declared(), end, ctx.zone(userId));
                String role = person.role != null
                        ? person.role
                        : person.messages > 0 || Long.valueOf(userId).equals(inc.createdBy())
                                ? "participant"
                                : "observer";
                if ("observer".equals(role)) {
                    watchers++;
                } else {
                    teamIds.addAll(ctx.teamsOfUser.getOrDefault(userId, List.of()));
                }
                if (!"observer".equals(role)) {
                    for (long serviceId : servicesOf.getOrDefault(inc.id(), List.of())) {
                        servicePersonRows.add(new MapSqlParameterSource()
                                .addValue("incident", inc.id())
                                .addValue("service", serviceId)
                                .addValue("user", userId)
                                .addValue("declared", db(inc.declared()))
                                .addValue("severity", inc.severity())
                                .addValue("type", inc.type())
                                .addValue("onCall", onCall.contains(userId)));
                    }
                }
                int cls = roleClass(role);
                byClass[cls] += split.total() / 60;
                byClass[4 + cls] += split.sleep() / 60;
                byClass[8 + cls] += split.work() >= 60 ? 1 : 0;
                byClass[12] += split.work() / 60;
                byClass[13] += split.evening() / 60;
                byClass[14] += split.sleep() / 60;
                byClass[15] += split.weekend() / 60;
                messages += person.messages;
                words += person.words;
                topWords = Math.max(topWords, person.words);
                personRows.add(new MapSqlParameterSource()
                        .addValue("incident", inc.id())
                        .addValue("user", userId)
                        .addValue("declared", db(inc.declared()))
                        .addValue("severity", inc.severity())
                        .addValue("type", inc.type())
                        .addValue("role", role)
                        .addValue("total", split.total() / 60)
                        .addValue("work", split.work() / 60)
                        .addValue("evening", split.evening() / 60)
                        .addValue("sleep", split.sleep() / 60)
                        .addValue("weekend", split.weekend() / 60)
                        .addValue("messages", person.messages)
                        .addValue("words", person.words)
                        .addValue("onCall", onCall.contains(userId)));
            }
            for (long serviceId : servicesOf.getOrDefault(inc.id(), List.of())) {
                serviceRows.add(new MapSqlParameterSource()
                        .addValue("incident", inc.id())
                        .addValue("service", serviceId)
                        .addValue("team", ctx.ownerOfService.get(serviceId)));
            }
            Instant start = inc.impact() != null ? inc.impact() : inc.declared();
            Instant detected = inc.detected() != null ? inc.detected() : inc.declared();
            incidentRows.add(new MapSqlParameterSource()
                    .addValue("incident", inc.id())
                    .addValue("severity", inc.severity())
                    .addValue("type", inc.type())
                    .addValue("declared", db(inc.declared()))
                    .addValue("resolved", inc.resolved() != null)
                    .addValue("resolvedAt", inc.resolved() == null ? null : db(inc.resolved()))
                    .addValue(
                            "ttd",
                            inc.impact() != null && inc.detected() != null
                                    ? seconds(inc.impact(), inc.detected())
                                    : null)
                    .addValue("tta", seconds(detected, inc.acknowledged()))
                    .addValue("ttm", seconds(start, inc.mitigated()))
                    .addValue("ttr", seconds(start, inc.resolved()))
                    .addValue("people", persons.size() - watchers)
                    .addValue("teams", teamIds.size())
                    .addValue("watchers", watchers)
                    .addValue("messages", messages)
                    .addValue("words", words)
                    .addValue("topWords", topWords));
            MapSqlParameterSource row = (MapSqlParameterSource) incidentRows.getLast();
            for (int i = 0; i < CLASS_COLUMNS.length; i++) {
                row.addValue(CLASS_COLUMNS[i], byClass[i]);
            }
        }
        jdbc.update("delete from insights_people where incident_id in (:ids)", p);
        jdbc.update("delete from insights_service_people where incident_id in (:ids)", p);
        jdbc.update("delete from insights_incident_services where incident_id in (:ids)", p);
        jdbc.update("delete from insights_incidents where incident_id in (:ids)", p);
        jdbc.batchUpdate(
                "insert into insights_incidents (incident_id, severity, type, declared_at, resolved, resolved_at,"
                        + " ttd_s, tta_s, ttm_s, ttr_s, people, teams, watchers, messages, words, top_words, "
                        + String.join(", ", CLASS_COLUMNS) + ") values (:incident, :severity,"
                        + " :type, :declared, :resolved, :resolvedAt, :ttd, :tta, :ttm, :ttr, :people, :teams, :watchers,"
                        + " :messages, :words, :topWords, :"
                        + String.join(", :", CLASS_COLUMNS) + ")",
                incidentRows.toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate(
                "insert into insights_incident_services (incident_id, service_id, team_id) values (:incident,"
                        + " :service, :team)",
                serviceRows.toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate(
                "insert into insights_people (incident_id, user_id, declared_at, severity, type, role,"
                        + " minutes_total, minutes_work, minutes_evening, minutes_sleep, minutes_weekend, messages,"
                        + " words, on_call) values (:incident, :user, :declared, :severity, :type, :role, :total,"
                        + " :work, :evening, :sleep, :weekend, :messages, :words, :onCall)",
                personRows.toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate(
                "insert into insights_service_people (incident_id, service_id, user_id, declared_at, severity, type,"
                        + " on_call) values (:incident, :service, :user, :declared, :severity, :type, :onCall)",
                servicePersonRows.toArray(SqlParameterSource[]::new));
    }

    private static final String[] CLASS_COLUMNS = {
        "min_c",
        "min_m",
        "min_p",
        "min_o",
        "sleep_c",
        "sleep_m",
        "sleep_p",
        "sleep_o",
        "work_c",
        "work_m",
        "work_p",
        "work_o",
        "band_work",
        "band_evening",
        "band_sleep",
        "band_weekend"
    };

    /** 0 commander, 1 communications lead or scribe, 2 participant or expert, 3 watcher. */
    static int roleClass(String role) {
        return switch (role) {
            case "commander" -> 0;
            case "communications_lead", "scribe" -> 1;
            case "observer" -> 3;
            default -> 2;
        };
    }

    private static Person person(Map<Long, Map<Long, Person>> people, long incident, long user) {
        return people.computeIfAbsent(incident, k -> new HashMap<>()).computeIfAbsent(user, k -> new Person());
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null
                ? null
                : Math.max(0, Duration.between(from, to).toSeconds());
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** The union of the stays, clipped to the incident, split into bands in the person's zone. */
    private Bands.Split split(List<Stay> stays, Instant declared, Instant end, ZoneId zone) {
        List<Stay> clipped = new ArrayList<>();
        for (Stay stay : stays) {
            Instant from = stay.from().isBefore(declared) ? declared : stay.from();
            Instant to = stay.to() == null || stay.to().isAfter(end) ? end : stay.to();
            if (to.isAfter(from)) {
                clipped.add(new Stay(from, to));
            }
        }
        clipped.sort(Comparator.comparing(Stay::from));
        Bands.Split total = Bands.Split.ZERO;
        Instant from = null;
        Instant to = null;
        for (Stay stay : clipped) {
            if (to != null && !stay.from().isAfter(to)) {
                to = stay.to().isAfter(to) ? stay.to() : to;
                continue;
            }
            if (from != null) {
                total = total.plus(bands.split(from, to, zone == null ? ZoneId.of("UTC") : zone));
            }
            from = stay.from();
            to = stay.to();
        }
        if (from != null) {
            total = total.plus(bands.split(from, to, zone == null ? ZoneId.of("UTC") : zone));
        }
        return total;
    }

    /**
     * Who was on call when the incident was declared, in the schedules of the teams that own its
     * services (all schedules when none of them has one).
     */
    private static Set<Long> onCallAt(Inc inc, List<Long> serviceIds, Context ctx) {
        Set<Long> owners = new HashSet<>();
        serviceIds.forEach(s -> {
            Long owner = ctx.ownerOfService.get(s);
            if (owner != null) {
                owners.add(owner);
            }
        });
        List<ScheduleView> relevant = ctx.allSchedules.stream()
                .filter(s -> s.teamId() != null && owners.contains(s.teamId()))
                .toList();
        if (relevant.isEmpty()) {
            relevant = ctx.allSchedules;
        }
        Set<Long> result = new HashSet<>();
        for (ScheduleView schedule : relevant) {
            try {
                OnCall.whoIsOnCall(schedule.schedule(), inc.declared()).ifPresent(at -> result.add(at.userId()));
            } catch (RuntimeException e) {
                // A schedule that cannot be computed (e.g. an unknown zone) leaves nobody on call in it.
            }
        }
        return result;
    }
}
