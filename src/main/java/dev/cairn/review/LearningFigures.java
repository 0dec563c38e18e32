package dev.cairn.review;

import dev.cairn.review.internal.LearningStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the review side of learning looks like for a set of incidents, in bulk, for figures across
 * incidents (insights): whether each needed a review and how far it got, how many read it, and the
 * survey's reach. Survey scores are only ever given summed over a set, never per incident, so an
 * individual answer cannot be told apart through this API either.
 */
@Service
public class LearningFigures {

    /** Incidents are read in batches of this size (an {@code IN} list each). */
    static final int BATCH = 1_000;

    private final LearningStore store;
    private final ReviewPolicies policies;
    private final SurveyWindow window;

    LearningFigures(LearningStore store, ReviewPolicies policies, SurveyWindow window) {
        this.store = store;
        this.policies = policies;
        this.window = window;
    }

    /** An incident as the caller knows it: enough to look up the review policy. */
    public record Subject(long incidentId, String severity, boolean drill) {}

    /**
     * One incident's review and survey facts. {@code reviewState} is null when no review was
     * started; {@code readers} counts distinct people who opened the published review.
     */
    public record IncidentLearning(
            long incidentId,
            boolean reviewRequired,
            ReviewDepth depth,
            ReviewState reviewState,
            java.time.Instant publishedAt,
            int readers,
            int surveyInvited,
            int surveyAnswered) {

        public boolean published() {
            return reviewState == ReviewState.PUBLISHED;
        }
    }

    /** Sums of survey answers over a set of incidents; means are null when nobody answered. */
    public record SurveyScores(
            int answers,
            Double coordination,
            Double communication,
            Double feelingDuring,
            Double feelingAfter,
            Double hours) {}

    public Map<Long, IncidentLearning> of(Collection<Subject> subjects) {
        Map<String, ReviewPolicy> rules = new HashMap<>();
        policies.all().forEach(p -> rules.put(p.rule(), p));
        Map<Long, IncidentLearning> result = new HashMap<>();
        List<Subject> all = List.copyOf(subjects);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Subject> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<Long> ids = batch.stream().map(Subject::incidentId).toList();
            Map<Long, LearningStore.ReviewFacts> reviews = store.reviews(ids);
            Map<Long, int[]> surveys = store.surveyReach(ids);
            for (Subject s : batch) {
                ReviewPolicy policy = rules.get(s.drill() ? ReviewPolicy.DRILL : s.severity());
                LearningStore.ReviewFacts review = reviews.get(s.incidentId());
                int[] reach = surveys.getOrDefault(s.incidentId(), new int[2]);
                result.put(
                        s.incidentId(),
                        new IncidentLearning(
                                s.incidentId(),
                                policy != null && policy.required(),
                                review != null
                                        ? review.depth()
                                        : policy != null ? policy.depth() : ReviewDepth.OPTIONAL,
                                review == null ? null : review.state(),
                                review == null ? null : review.publishedAt(),
                                review == null ? 0 : review.readers(),
                                reach[0],
                                reach[1]));
            }
        }
        return result;
    }

    /**
     * Survey answers summed over the incidents whose survey has closed with at least {@link
     * Surveys#MIN_ANSWERS} answers (answers are stored without their author; see {@link SurveyWindow}).
     */
    public SurveyScores scores(Collection<Long> incidentIds) {
        List<Long> all = List.copyOf(incidentIds);
        java.time.Instant closedBefore = window.closedBefore();
        long answers = 0;
        double[] sums = new double[5];
        for (int from = 0; from < all.size(); from += BATCH) {
            LearningStore.ScoreSums part = store.scoreSums(
                    all.subList(from, Math.min(all.size(), from + BATCH)), closedBefore, Surveys.MIN_ANSWERS);
            answers += part.answers();
            for (int i = 0; i < sums.length; i++) {
                sums[i] += part.sums()[i];
            }
        }
        if (answers == 0) {
            return new SurveyScores(0, null, null, null, null, null);
        }
        double n = answers;
        return new SurveyScores((int) answers, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n);
    }
}
