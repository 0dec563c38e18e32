package dev.cairn.review.internal;

import dev.cairn.review.ReviewDepth;
import dev.cairn.review.ReviewState;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bulk reads of reviews, readers and survey reach for figures across incidents. */
@Repository
public class LearningStore {

    private final JdbcClient jdbc;

    LearningStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ReviewFacts(ReviewState state, ReviewDepth depth, java.time.Instant publishedAt, int readers) {}

    public record ScoreSums(long answers, double[] sums) {}

    public Map<Long, ReviewFacts> reviews(Collection<Long> incidentIds) {
        Map<Long, ReviewFacts> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select r.incident_id, r.state, r.depth, r.published_at,"
                        + " (select count(distinct d.user_id) from review_reads d where d.incident_id = r.incident_id)"
                        + " as readers from reviews r where r.incident_id in (:ids)")
                .param("ids", incidentIds)
                .query(rs -> {
                    result.put(
                            rs.getLong("incident_id"),
                            new ReviewFacts(
                                    ReviewState.parse(rs.getString("state")),
                                    ReviewDepth.parse(rs.getString("depth")),
                                    Times.instant(rs, "published_at"),
                                    rs.getInt("readers")));
                });
        return result;
    }

    /** Per incident: {invited, answered}. */
    public Map<Long, int[]> surveyReach(Collection<Long> incidentIds) {
        Map<Long, int[]> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select incident_id, count(*) as invited, sum(case when responded then 1 else 0 end) as answered"
                        + " from survey_invitations where incident_id in (:ids) group by incident_id")
                .param("ids", incidentIds)
                .query(rs -> {
                    result.put(rs.getLong("incident_id"), new int[] {rs.getInt("invited"), rs.getInt("answered")});
                });
        return result;
    }

    /**
     * Survey answers summed over the incidents whose survey has closed ({@code closedBefore}: first
     * sent before it, or everyone invited answered) with at least {@code minAnswers} answers: figures
     * that never change once shown, so no single answer shows through a difference.
     */
    public ScoreSums scoreSums(Collection<Long> incidentIds, Instant closedBefore, int minAnswers) {
        if (incidentIds.isEmpty()) {
            return new ScoreSums(0, new double[5]);
        }
        return jdbc.sql("select count(*) as answers, coalesce(sum(coordination), 0) as c1,"
                        + " coalesce(sum(communication), 0) as c2, coalesce(sum(feeling_during), 0) as c3,"
                        + " coalesce(sum(feeling_after), 0) as c4, coalesce(sum(hours), 0) as c5"
                        + " from survey_answers where incident_id in (:ids) and incident_id in ("
                        + "select v.incident_id from survey_invitations v where v.incident_id in (:ids)"
                        + " group by v.incident_id having (min(v.invited_at) <= :closedBefore"
                        + " or sum(case when v.responded then 0 else 1 end) = 0)"
                        + " and sum(case when v.responded then 1 else 0 end) >= :minAnswers)")
                .param("ids", incidentIds)
                .param("closedBefore", dev.cairn.shared.Times.db(closedBefore))
                .param("minAnswers", minAnswers)
                .query((rs, n) -> new ScoreSums(rs.getLong("answers"), new double[] {
                    rs.getDouble("c1"), rs.getDouble("c2"), rs.getDouble("c3"), rs.getDouble("c4"), rs.getDouble("c5")
                }))
                .single();
    }
}
