package dev.cairn.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Realistic demo content: a plan is drawn from the seed and "now" (same seed, same now, same
 * plan), then written through the module APIs. Generators that draw randomness take their own
 * split of the seeded generator, so extending one does not reshuffle what the others produce. To
 * add a concern, write a generator that returns plan records and teach {@link PlanWriter} to
 * write them.
 */
@Service
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final PlanWriter writer;
    private final DemoActions actions;
    private final dev.cairn.insights.Annotations annotations;
    private final ReviewWriter reviews;
    private final DemoPages pages;

    DemoData(
            PlanWriter writer,
            DemoActions actions,
            dev.cairn.insights.Annotations annotations,
            ReviewWriter reviews,
            DemoPages pages) {
        this.pages = pages;
        this.writer = writer;
        this.actions = actions;
        this.annotations = annotations;
        this.reviews = reviews;
    }

    public DemoSummary generate(long seed, Instant now) {
        long started = System.nanoTime();
        DemoPlan plan = plan(seed, now);
        PlanWriter.Written written =
                writer.write(plan, plan.incidents().getFirst().declaredAt().minus(Duration.ofDays(14)));
        int actionItems = actions.write(written.incidentIds(), now.truncatedTo(ChronoUnit.SECONDS));
        pages.write(written.incidentIds(), now.truncatedTo(ChronoUnit.SECONDS));
        // Context for the insights time series: what changed, and when.
        java.time.LocalDate today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        annotations.create(
                today.minusDays(120), "Re-org: Platform split into Platform and Data", dev.cairn.identity.Actor.SYSTEM);
        annotations.create(
                today.minusDays(45), "New on-call policy: follow-the-sun handovers", dev.cairn.identity.Actor.SYSTEM);
        long reviewsStarted = System.nanoTime();
        ReviewWriter.Written reviewed = reviews.write(
                plan,
                written.incidentIds(),
                written.actors(),
                now.truncatedTo(ChronoUnit.SECONDS),
                new SplittableRandom(seed).split().split());
        log.info(
                "event=demo_reviews_created drafts={} in_review={} read_reviews={} openings={} took_ms={}",
                reviewed.drafts(),
                reviewed.inReview(),
                reviewed.read(),
                reviewed.openings(),
                Duration.ofNanos(System.nanoTime() - reviewsStarted).toMillis());
        DemoSummary summary = new DemoSummary(
                written.teams(),
                written.people(),
                written.services(),
                written.incidentIds(),
                written.posts(),
                Duration.ofNanos(System.nanoTime() - started));
        log.info(
                "event=demo_data_created incidents={} people={} teams={} services={} posts={} seed={} took_ms={}"
                        + " action_items={} admin={}",
                summary.incidents(),
                summary.people(),
                summary.teams(),
                summary.services(),
                summary.timelinePosts(),
                seed,
                summary.took().toMillis(),
                actionItems,
                PeopleGenerator.ADMIN_EMAIL);
        return summary;
    }

    static DemoPlan plan(long seed, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        SplittableRandom root = new SplittableRandom(seed);
        PeopleGenerator people = new PeopleGenerator();
        ServiceGenerator services = new ServiceGenerator();
        var incidents = new IncidentGenerator(people.people(), people.teams(), services.services(), services.weights())
                .incidents(at, root.split());
        return new DemoPlan(people.people(), people.teams(), services.services(), incidents);
    }
}
