package dev.cairn.demo;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.Incidents;
import dev.cairn.review.InterviewPrompt;
import dev.cairn.review.Interviews;
import dev.cairn.review.Rotation;
import dev.cairn.review.RotationAssignment;
import dev.cairn.review.SurveyAnswer;
import dev.cairn.review.Surveys;
import dev.cairn.shared.TimeTravel;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.stereotype.Component;

/**
 * The demo's reviewer rotation, interviews and surveys: some responders volunteer before the first
 * incident (so the rotation assigns the resolved ones as they happen), participants of recent
 * incidents answer their surveys, and the latest reviews have interviews with notes.
 */
@Component
class ReviewRotationDemo {

    private static final List<String> COMMENTS = List.of(
            "Too many people in the channel at first; once we had a commander it calmed down.",
            "I did not know who was doing what for the first twenty minutes.",
            "The runbook was out of date, but Ariel knew the workaround.",
            "Updates every 30 minutes helped me step away and think.",
            "I was on call alone at 3am and it felt like it.",
            "Good call to roll back early instead of debugging in production.",
            "The dashboards disagreed with each other, which cost us time.",
            "Felt supported. Nobody blamed anyone.");

    private static final Map<String, String> NOTES = Map.of(
            "first-noticed",
                    "Saw the error-rate alert on their phone while making coffee; the graph looked like a"
                            + " deploy spike, so they waited a couple of minutes before joining.",
            "expecting",
                    "Expected the usual cache warm-up after a deploy. It made sense: the last three alerts"
                            + " like this were exactly that.",
            "knew",
                    "Knew that the connection pool is shared with the batch jobs, from an incident last year;"
                            + " nobody else in the room had that in mind. Checked the batch schedule first.",
            "newcomer",
                    "A newcomer would not know the batch jobs exist at all: they are not on the service page,"
                            + " and the dashboard for them lives in a personal folder.");

    private final Rotation rotation;
    private final Surveys surveys;
    private final Interviews interviews;
    private final Incidents incidents;
    private final Timeline timeline;

    ReviewRotationDemo(
            Rotation rotation, Surveys surveys, Interviews interviews, Incidents incidents, Timeline timeline) {
        this.rotation = rotation;
        this.surveys = surveys;
        this.interviews = interviews;
        this.incidents = incidents;
        this.timeline = timeline;
    }

    /** Every third responder volunteers (before the incidents, so the rotation assigns them). */
    void volunteers(Collection<Actor> people) {
        List<Actor> responders = people.stream()
                .filter(a -> a.role() == Role.RESPONDER)
                .sorted(java.util.Comparator.comparing(Actor::email))
                .toList();
        for (int i = 0; i < responders.size(); i += 3) {
            rotation.volunteer(responders.get(i).userId(), responders.get(i));
        }
    }

    /** Survey answers on the latest incidents and interviews on the latest few reviews. */
    void history(List<Long> incidentIds, Collection<Actor> people, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed5eedL);
        List<Long> newest = incidentIds.reversed();
        int interviewed = 0;
        for (int n = 0; n < newest.size(); n++) {
            Incident incident = incidents.get(newest.get(n), Actor.SYSTEM);
            if (incident.resolvedAt() == null || incident.status().open()) {
                continue;
            }
            Instant after = incident.resolvedAt().plus(Duration.ofHours(20));
            int mood = random.nextInt(3);
            for (Actor person : people) {
                if (surveys.pending(incident.id(), person.userId()) && random.nextInt(10) < 7) {
                    TimeTravel.at(after, () -> surveys.answerAs(incident.id(), person, answer(random, mood)));
                }
            }
            if (interviewed < 6 && incident.status() != IncidentStatus.CLOSED) {
                interviewed += interview(incident, people, after) ? 1 : 0;
            }
        }
    }

    private boolean interview(Incident incident, Collection<Actor> people, Instant at) {
        RotationAssignment assignment =
                rotation.assignment(incident.id(), Actor.SYSTEM).orElse(null);
        if (assignment == null || !assignment.assigned() || incident.roles().isEmpty()) {
            return false;
        }
        Actor reviewer = people.stream()
                .filter(a -> a.userId() == assignment.reviewerId())
                .findFirst()
                .orElse(null);
        if (reviewer == null) {
            return false;
        }
        long expert = incident.roles().getFirst().userId();
        TimeTravel.at(at, () -> {
            var planned = interviews.schedule(incident.id(), expert, at.plus(Duration.ofDays(1)), reviewer);
            List<Long> moments = timeline.chronological(incident.id(), Actor.SYSTEM).stream()
                    .filter(TimelineEntry::starred)
                    .map(TimelineEntry::id)
                    .limit(2)
                    .toList();
            for (InterviewPrompt prompt : InterviewPrompt.ALL) {
                String note = NOTES.get(prompt.key());
                if (note != null) {
                    interviews.note(
                            incident.id(),
                            planned.id(),
                            prompt.key(),
                            note,
                            prompt.key().equals("knew") ? moments : List.of(),
                            reviewer);
                }
            }
            interviews.update(incident.id(), planned.id(), "done", null, reviewer);
        });
        return true;
    }

    private static SurveyAnswer answer(SplittableRandom random, int mood) {
        int base = 2 + mood;
        return new SurveyAnswer(
                clamp(base + random.nextInt(-1, 2)),
                clamp(base + random.nextInt(-1, 2)),
                clamp(base - 1 + random.nextInt(-1, 2)),
                clamp(base + random.nextInt(0, 2)),
                BigDecimal.valueOf(random.nextInt(1, 17) / 2.0),
                random.nextInt(3) == 0 ? COMMENTS.get(random.nextInt(COMMENTS.size())) : null);
    }

    private static int clamp(int score) {
        return Math.max(1, Math.min(5, score));
    }
}
