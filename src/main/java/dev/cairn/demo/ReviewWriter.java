package dev.cairn.demo;

import dev.cairn.demo.DemoPlan.ChangeStatus;
import dev.cairn.identity.Actor;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.review.HighlightInput;
import dev.cairn.review.ReviewComment;
import dev.cairn.review.ReviewReads;
import dev.cairn.review.ReviewSections;
import dev.cairn.review.ReviewState;
import dev.cairn.review.ReviewWorkflow;
import dev.cairn.review.Reviews;
import dev.cairn.shared.TimeTravel;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reviews in every state for the demo, written through the review API "as if" at their time: the
 * two latest resolved incidents get a draft (highlights tagged with phases, a custom phase, notes,
 * an open question to someone who was there), the next two are in review with comments, and
 * published reviews spread over the last 90 days are read by people from several teams, most in
 * the first days after publishing, some to the end.
 * Reviewers are people who were not in the incident.
 */
@Component
class ReviewWriter {

    static final int DRAFTS = 2;
    static final int IN_REVIEW = 2;
    static final int READ_REVIEWS = 14;

    private final Reviews reviews;
    private final ReviewWorkflow workflow;
    private final ReviewReads reads;
    private final Timeline timeline;
    private final TransactionTemplate transactions;

    ReviewWriter(
            Reviews reviews,
            ReviewWorkflow workflow,
            ReviewReads reads,
            Timeline timeline,
            TransactionTemplate transactions) {
        this.reviews = reviews;
        this.workflow = workflow;
        this.reads = reads;
        this.timeline = timeline;
        this.transactions = transactions;
    }

    /** What it wrote: reviews per state it touched and openings recorded. */
    record Written(int drafts, int inReview, int read, int openings) {}

    Written write(DemoPlan plan, List<Long> ids, Map<String, Actor> people, Instant now, SplittableRandom random) {
        List<Integer> resolved = IntStream.range(0, plan.incidents().size())
                .filter(i -> plan.incidents().get(i).finalStatus() == IncidentStatus.RESOLVED
                        && plan.incidents().get(i).type() == IncidentType.DEFAULT)
                .boxed()
                .sorted(Comparator.comparing(
                                (Integer i) -> plan.incidents().get(i).declaredAt())
                        .reversed())
                .toList();
        int drafts = 0;
        int inReview = 0;
        for (int n = 0; n < Math.min(resolved.size(), DRAFTS + IN_REVIEW); n++) {
            DemoPlan.Incident incident = plan.incidents().get(resolved.get(n));
            long id = ids.get(resolved.get(n));
            boolean draft = n < DRAFTS;
            Instant at = min(
                    now.minus(Duration.ofMinutes(30)),
                    statusAt(incident, IncidentStatus.RESOLVED).orElse(now).plus(Duration.ofHours(20)));
            Actor reviewer = outsider(incident, plan, people, random);
            Actor insider = people.get(incident.declaredBy());
            transactions.executeWithoutResult(tx -> TimeTravel.at(at, () -> {
                if (draft) {
                    draft(id, reviewer, insider);
                } else {
                    inReview(id, reviewer, insider);
                }
            }));
            if (draft) {
                drafts++;
            } else {
                inReview++;
            }
        }

        List<Integer> published = IntStream.range(0, plan.incidents().size())
                .filter(i -> plan.incidents().get(i).finalStatus() == IncidentStatus.CLOSED
                        && plan.incidents().get(i).type() != IncidentType.PRIVATE)
                .boxed()
                .filter(i -> statusAt(plan.incidents().get(i), IncidentStatus.CLOSED)
                        .orElseThrow()
                        .isAfter(now.minus(Duration.ofDays(88))))
                .sorted(Comparator.comparing(
                                (Integer i) -> plan.incidents().get(i).declaredAt())
                        .reversed())
                .toList();
        // Spread over the 90 days rather than the latest few, so reads over time cover the period.
        int reviewsRead = Math.min(READ_REVIEWS, published.size());
        List<Integer> spread = IntStream.range(0, reviewsRead)
                .mapToObj(k -> published.get(k * published.size() / reviewsRead))
                .toList();
        List<Actor> everyone =
                plan.people().stream().map(p -> people.get(p.email())).toList();
        int openings = 0;
        for (int index : spread) {
            long id = ids.get(index);
            Instant publishedAt =
                    statusAt(plan.incidents().get(index), IncidentStatus.CLOSED).orElseThrow();
            long window = Math.max(60, Duration.between(publishedAt, now).toMinutes() - 5);
            int readers = 2 + random.nextInt(7);
            List<Actor> shuffled = new ArrayList<>(everyone);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
            }
            for (Actor reader : shuffled.subList(0, Math.min(readers, shuffled.size()))) {
                // Most reads come in the first days after publishing, a few much later.
                long after = random.nextDouble() < 0.7
                        ? random.nextLong(Math.min(window, 3 * 24 * 60))
                        : random.nextLong(window);
                Instant at = min(now.minus(Duration.ofMinutes(1)), publishedAt.plus(Duration.ofMinutes(1 + after)));
                int depth = random.nextDouble() < 0.55 ? 100 : 15 + random.nextInt(80);
                int seconds = 20 + random.nextInt(depth * 6 + 1);
                boolean counted = transactions.execute(tx -> TimeTravel.at(
                        at,
                        () -> reads.opened(id, reader)
                                .map(readId -> {
                                    reads.progress(id, readId, depth, seconds, reader);
                                    return true;
                                })
                                .orElse(false)));
                openings += counted ? 1 : 0;
            }
        }
        return new Written(drafts, inReview, spread.size(), openings);
    }

    private void draft(long id, Actor reviewer, Actor insider) {
        reviews.update(id, new ReviewSections(null, null, null, null, null, List.of("waiting on vendor")), reviewer);
        List<TimelineEntry> written = timeline.chronological(id, reviewer).stream()
                .filter(TimelineEntry::written)
                .toList();
        if (written.isEmpty()) {
            return;
        }
        List<List<String>> phases = List.of(
                List.of("detection"),
                List.of("diagnosis"),
                List.of("diagnosis", "waiting on vendor"),
                List.of("repair"),
                List.of("diagnosis", "repair"));
        int step = Math.max(1, written.size() / 5);
        for (int i = 0, p = 0; i < written.size() && p < phases.size(); i += step, p++) {
            reviews.mark(
                    id,
                    new HighlightInput(
                            List.of(written.get(i).id()),
                            p != 2,
                            phases.get(p),
                            p == 1 ? "First hypothesis: the deploy. It was not." : null),
                    reviewer);
        }
        TimelineEntry middle = written.get(written.size() / 2);
        if (insider.userId() != reviewer.userId()) {
            workflow.comment(
                    id,
                    "entry:" + middle.id(),
                    ReviewComment.QUESTION,
                    "What made you look here first? What were you expecting to see?",
                    insider.userId(),
                    reviewer);
        }
        workflow.comment(
                id,
                "entry:" + written.getFirst().id(),
                ReviewComment.NOTE,
                "The alert fired before anyone noticed the customer reports.",
                null,
                reviewer);
    }

    private void inReview(long id, Actor reviewer, Actor insider) {
        draft(id, reviewer, insider);
        reviews.update(
                id,
                new ReviewSections(
                        reviews.draftStory(id, reviewer),
                        "The dashboards looked normal because they averaged over all regions; acting on the"
                                + " first alert made sense with what people could see then.",
                        "- Per-region views would have shown it earlier.\n- The runbook step was right but hard to find.",
                        null,
                        null,
                        null),
                reviewer);
        workflow.move(id, ReviewState.IN_REVIEW, reviewer);
        workflow.comment(
                id,
                "section:what_happened",
                ReviewComment.COMMENT,
                "Worth saying that the failover was tried first and why it did not help.",
                null,
                insider);
        workflow.comment(
                id,
                "section:learned",
                ReviewComment.COMMENT,
                "Agree on per-region views; who owns them?",
                null,
                reviewer);
    }

    /** Someone who was not in the incident and can write, to review it; else whoever declared it. */
    private static Actor outsider(
            DemoPlan.Incident incident, DemoPlan plan, Map<String, Actor> people, SplittableRandom random) {
        Set<String> involved = incident.steps().stream()
                .map(DemoPlan.Step::by)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        involved.add(incident.declaredBy());
        incident.steps().stream()
                .filter(DemoPlan.Join.class::isInstance)
                .map(s -> ((DemoPlan.Join) s).person())
                .forEach(involved::add);
        List<Actor> candidates = plan.people().stream()
                .filter(p -> !involved.contains(p.email()))
                .map(p -> people.get(p.email()))
                .filter(a -> a.canWrite() && !a.isAdmin())
                .toList();
        return candidates.isEmpty()
                ? people.get(incident.declaredBy())
                : candidates.get(random.nextInt(candidates.size()));
    }

    private static Optional<Instant> statusAt(DemoPlan.Incident incident, IncidentStatus status) {
        return incident.steps().stream()
                .filter(s -> s instanceof ChangeStatus c && c.status() == status)
                .map(DemoPlan.Step::at)
                .findFirst();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
