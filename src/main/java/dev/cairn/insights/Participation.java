package dev.cairn.insights;

import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Participation: talk share per incident (messages and words per person, from every written
 * timeline entry: web, Slack mirror and imports), how many people and teams took part, who only
 * watched, and the breadth of perspectives over time.
 */
@Service
public class Participation {

    private final NamedParameterJdbcTemplate jdbc;
    private final Users users;
    private final Visible visible;

    Participation(NamedParameterJdbcTemplate jdbc, Users users, Visible visible) {
        this.jdbc = jdbc;
        this.users = users;
        this.visible = visible;
    }

    public record PersonTalk(
            long userId, String name, String role, long messages, long words, double wordShare, boolean watchedOnly) {}

    public record IncidentTalk(
            long incidentId,
            String reference,
            String title,
            String severity,
            Instant declaredAt,
            int people,
            int teams,
            int watchers,
            long messages,
            long words,
            String topSpeaker,
            double topShare,
            List<PersonTalk> persons) {}

    public record Breadth(
            String period,
            java.time.LocalDate start,
            long incidents,
            double avgPeople,
            double avgTeams,
            double avgWatchers,
            double avgTopShare,
            boolean hidden) {}

    public record Report(List<IncidentTalk> incidents, List<Breadth> breadth) {}

    public Report report(InsightsFilter filter, Periods interval, Actor reader) {
        MapSqlParameterSource params = filter.params();
        List<Long> ids = jdbc.queryForList(
                "select i.incident_id from insights_incidents i where " + filter.where("i", true)
                        + " order by i.declared_at desc, i.incident_id desc limit " + (Visible.LIST_LIMIT * 2),
                params,
                Long.class);
        List<Incident> shown = visible.incidents(ids, reader);
        List<IncidentTalk> talks = talks(shown);

        List<Breadth> breadth = new ArrayList<>();
        jdbc.query(
                "select " + interval.sql("i.declared_at") + " k, count(*),"
                        + " sum(case when i.type = 'private' then 1 else 0 end), avg(i.people * 1.0),"
                        + " avg(i.teams * 1.0), avg(i.watchers * 1.0), sum(case when i.words > 0 then 1 else 0 end),"
                        + " sum(case when i.words > 0 then i.top_words * 1.0 / i.words else 0 end)"
                        + " from insights_incidents i where " + filter.where("i", true) + " group by k order by k",
                params,
                rs -> {
                    long key = rs.getLong(1);
                    boolean hidden = Privacy.hidden(reader, rs.getLong(2), rs.getLong(3));
                    long talking = rs.getLong(7);
                    breadth.add(new Breadth(
                            interval.label(key),
                            interval.start(key),
                            hidden ? 0 : rs.getLong(2),
                            hidden ? 0 : round(rs.getDouble(4)),
                            hidden ? 0 : round(rs.getDouble(5)),
                            hidden ? 0 : round(rs.getDouble(6)),
                            hidden || talking == 0 ? 0 : round(rs.getDouble(8) / talking),
                            hidden));
                });
        return new Report(talks, breadth);
    }

    /** One incident's talk share, if the reader may see it. */
    public Optional<IncidentTalk> incident(long id, Actor reader) {
        return visible.incidents(List.of(id), reader).stream()
                .findFirst()
                .flatMap(i -> talks(List.of(i)).stream().findFirst());
    }

    private List<IncidentTalk> talks(List<Incident> shown) {
        if (shown.isEmpty()) {
            return List.of();
        }
        List<Long> ids = shown.stream().map(Incident::id).toList();
        Map<Long, int[]> heads = new HashMap<>();
        jdbc.query(
                "select incident_id, people, teams, watchers from insights_incidents where incident_id in (:ids)",
                new MapSqlParameterSource("ids", ids),
                rs -> {
                    heads.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)});
                });
        record Row(long incident, long user, String role, long messages, long words) {}
        List<Row> rows = jdbc.query(
                "select incident_id, user_id, role, messages, words from insights_people where incident_id in (:ids)",
                new MapSqlParameterSource("ids", ids),
                (rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
        Set<Long> userIds = new HashSet<>();
        rows.forEach(r -> userIds.add(r.user()));
        Map<Long, UserView> people = users.byIds(userIds);
        List<IncidentTalk> result = new ArrayList<>();
        for (Incident incident : shown) {
            List<Row> mine =
                    rows.stream().filter(r -> r.incident() == incident.id()).toList();
            long messages = mine.stream().mapToLong(Row::messages).sum();
            long words = mine.stream().mapToLong(Row::words).sum();
            List<PersonTalk> persons = mine.stream()
                    .map(r -> new PersonTalk(
                            r.user(),
                            people.containsKey(r.user()) ? people.get(r.user()).name() : "#" + r.user(),
                            r.role(),
                            r.messages(),
                            r.words(),
                            words == 0 ? 0 : round((double) r.words() / words),
                            r.messages() == 0))
                    .sorted(Comparator.comparingLong(PersonTalk::words)
                            .reversed()
                            .thenComparing(PersonTalk::name))
                    .toList();
            int[] head = heads.getOrDefault(incident.id(), new int[3]);
            PersonTalk top = persons.isEmpty() || persons.getFirst().words() == 0 ? null : persons.getFirst();
            result.add(new IncidentTalk(
                    incident.id(),
                    incident.reference(),
                    incident.title(),
                    incident.severity(),
                    incident.declaredAt(),
                    head[0],
                    head[1],
                    head[2],
                    messages,
                    words,
                    top == null ? "" : top.name(),
                    top == null ? 0 : top.wordShare(),
                    persons));
        }
        return result;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
