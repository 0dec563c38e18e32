package dev.cairn.action;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Action items counted per incident, in bulk, for figures across incidents: how many were
 * proposed, how each was decided, how many of those to do are done, and how many are overdue.
 */
@Service
public class ActionFigures {

    private static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    ActionFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Counts(int proposed, int undecided, int toDo, int wontDo, int later, int done, int overdue) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

        public int decided() {
            return proposed - undecided;
        }

        public Counts plus(Counts o) {
            return new Counts(
                    proposed + o.proposed,
                    undecided + o.undecided,
                    toDo + o.toDo,
                    wontDo + o.wontDo,
                    later + o.later,
                    done + o.done,
                    overdue + o.overdue);
        }
    }

    public Map<Long, Counts> of(Collection<Long> incidentIds) {
        Map<Long, Counts> result = new HashMap<>();
        List<Long> all = List.copyOf(incidentIds);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int from = 0; from < all.size(); from += BATCH) {
            jdbc.sql("select incident_id, count(*) as proposed,"
                            + " sum(case when decision = 'PROPOSED' then 1 else 0 end) as undecided,"
                            + " sum(case when decision = 'DO' then 1 else 0 end) as to_do,"
                            + " sum(case when decision = 'WONT_DO' then 1 else 0 end) as wont_do,"
                            + " sum(case when decision = 'LATER' then 1 else 0 end) as later,"
                            + " sum(case when decision = 'DO' and done_at is not null then 1 else 0 end) as done,"
                            + " sum(case when decision = 'DO' and done_at is null and due_on < :today then 1 else 0 end)"
                            + " as overdue from action_items where incident_id in (:ids) group by incident_id")
                    .param("ids", all.subList(from, Math.min(all.size(), from + BATCH)))
                    .param("today", today)
                    .query(rs -> {
                        result.put(
                                rs.getLong("incident_id"),
                                new Counts(
                                        rs.getInt("proposed"),
                                        rs.getInt("undecided"),
                                        rs.getInt("to_do"),
                                        rs.getInt("wont_do"),
                                        rs.getInt("later"),
                                        rs.getInt("done"),
                                        rs.getInt("overdue")));
                    });
        }
        return result;
    }
}
