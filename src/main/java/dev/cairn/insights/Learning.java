package dev.cairn.insights;

import dev.cairn.action.ActionFigures;
import dev.cairn.identity.Actor;
import dev.cairn.review.LearningFigures;
import dev.cairn.review.Surveys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Learning health: of the incidents that resolved in the range, per month and in total, how many
 * needed a review, how many reviews were started, published and read, how many people a published
 * review reaches, how many survey invitations were answered and what they said, and how action
 * items were decided and done. Review, survey and action figures come in bulk from the review and
 * action modules; this view only groups them. Survey means are shown only for groups with at least
 * {@link Surveys#MIN_ANSWERS} answers, so that no one's answer can be told apart.
 */
@Service
public class Learning {

    public static final String SCORES_RULE = "Survey scores are shown only for groups with at least "
            + Surveys.MIN_ANSWERS + " answers, so that no single answer can be told apart.";

    public static final String DEFINITION = "Incidents that resolved in the range. A review counts as started once"
            + " its draft exists, read once at least one person opened it after publishing. Action items are"
            + " counted on the incident they came from; overdue means decided \"do\", not done, past its due date.";

    /** One group (a month, or the total). Numbers are zero and scores null where the group is hidden. */
    public record Row(
            String period,
            LocalDate start,
            boolean hidden,
            long incidents,
            long reviewsRequired,
            long reviewsStarted,
            long reviewsPublished,
            long publishedRead,
            Long medianReaders,
            long surveyInvited,
            long surveyAnswered,
            Double responseRate,
            boolean scoresShown,
            Double coordination,
            Double communication,
            Double feelingDuring,
            Double feelingAfter,
            Double hours,
            long actionsProposed,
            long actionsDecided,
            long actionsToDo,
            long actionsWontDo,
            long actionsLater,
            long actionsDone,
            long actionsOverdue) {

        static Row hidden(String period, LocalDate start) {
            return new Row(
                    period, start, true, 0, 0, 0, 0, 0, null, 0, 0, null, false, null, null, null, null, null, 0, 0, 0,
                    0, 0, 0, 0);
        }
    }

    public record Report(List<Row> months, Row total, boolean drills, String definition, String scoresRule) {}

    private record Fact(long id, String severity, boolean isPrivate, long month) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final LearningFigures figures;
    private final ActionFigures actions;

    Learning(NamedParameterJdbcTemplate jdbc, LearningFigures figures, ActionFigures actions) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.actions = actions;
    }

    public Report report(InsightsFilter filter, Actor reader) {
        List<Fact> facts = new ArrayList<>();
        jdbc.query(
                "select i.incident_id, i.severity, i.type, " + Periods.MONTH.sql("i.resolved_at")
                        + " k from insights_incidents i where i.resolved_at is not null and "
                        + filter.where("i", true, "resolved_at"),
                filter.params(),
                rs -> {
                    facts.add(
                            new Fact(rs.getLong(1), rs.getString(2), "private".equals(rs.getString(3)), rs.getLong(4)));
                });
        Map<Long, LearningFigures.IncidentLearning> learning = figures.of(facts.stream()
                .map(f -> new LearningFigures.Subject(f.id(), f.severity(), filter.drills()))
                .toList());
        Map<Long, ActionFigures.Counts> counts =
                actions.of(facts.stream().map(Fact::id).toList());

        TreeMap<Long, List<Fact>> months = new TreeMap<>();
        facts.forEach(
                f -> months.computeIfAbsent(f.month(), k -> new ArrayList<>()).add(f));
        List<Row> rows = new ArrayList<>();
        months.forEach((key, list) ->
                rows.add(row(Periods.MONTH.label(key), Periods.MONTH.start(key), list, learning, counts, reader)));
        Row total = row("Total", null, facts, learning, counts, reader);
        return new Report(rows, total, filter.drills(), DEFINITION, SCORES_RULE);
    }

    private Row row(
            String period,
            LocalDate start,
            List<Fact> group,
            Map<Long, LearningFigures.IncidentLearning> learning,
            Map<Long, ActionFigures.Counts> counts,
            Actor reader) {
        long privates = group.stream().filter(Fact::isPrivate).count();
        if (Privacy.hidden(reader, group.size(), privates)) {
            return Row.hidden(period, start);
        }
        long required = 0;
        long started = 0;
        long published = 0;
        long read = 0;
        long invited = 0;
        long answered = 0;
        List<Long> readers = new ArrayList<>();
        ActionFigures.Counts items = ActionFigures.Counts.NONE;
        for (Fact f : group) {
            LearningFigures.IncidentLearning l = learning.get(f.id());
            if (l != null) {
                required += l.reviewRequired() ? 1 : 0;
                started += l.reviewState() != null ? 1 : 0;
                if (l.published()) {
                    published++;
                    read += l.readers() > 0 ? 1 : 0;
                    readers.add((long) l.readers());
                }
                invited += l.surveyInvited();
                answered += l.surveyAnswered();
            }
            items = items.plus(counts.getOrDefault(f.id(), ActionFigures.Counts.NONE));
        }
        LearningFigures.SurveyScores scores = answered >= Surveys.MIN_ANSWERS
                ? figures.scores(group.stream().map(Fact::id).toList())
                : null;
        boolean shown = scores != null && scores.answers() >= Surveys.MIN_ANSWERS;
        return new Row(
                period,
                start,
                false,
                group.size(),
                required,
                started,
                published,
                read,
                Stats.median(readers),
                invited,
                answered,
                invited == 0 ? null : Participation.round((double) answered / invited),
                shown,
                shown ? mean(scores.coordination()) : null,
                shown ? mean(scores.communication()) : null,
                shown ? mean(scores.feelingDuring()) : null,
                shown ? mean(scores.feelingAfter()) : null,
                shown ? mean(scores.hours()) : null,
                items.proposed(),
                items.decided(),
                items.toDo(),
                items.wontDo(),
                items.later(),
                items.done(),
                items.overdue());
    }

    private static Double mean(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }
}
