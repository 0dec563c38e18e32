package dev.cairn.review;

import dev.cairn.comms.Follows;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Participant;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.review.internal.ReviewStore;
import dev.cairn.review.internal.ReviewStore.Row;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review's states (draft → in review → published) and the conversation around it: comments on
 * any part and questions to the people involved. Publishing tells the participants and followers
 * (those who may see the incident) and records it on the timeline, in the publishing transaction.
 */
@Service
public class ReviewWorkflow {

    private final Reviews reviews;
    private final ReviewStore store;
    private final Incidents incidents;
    private final IncidentPeople people;
    private final Follows follows;
    private final Timeline timeline;
    private final Notifications notifications;
    private final Users users;
    private final Audit audit;
    private final Clock clock;

    /** The reviewer's assignment counts as open until the review is published. */
    private final dev.cairn.review.internal.RotationStore rotation;

    ReviewWorkflow(
            Reviews reviews,
            ReviewStore store,
            Incidents incidents,
            IncidentPeople people,
            Follows follows,
            Timeline timeline,
            Notifications notifications,
            Users users,
            Audit audit,
            dev.cairn.review.internal.RotationStore rotation,
            Clock clock) {
        this.rotation = rotation;
        this.reviews = reviews;
        this.store = store;
        this.incidents = incidents;
        this.people = people;
        this.follows = follows;
        this.timeline = timeline;
        this.notifications = notifications;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Review move(long incidentId, ReviewState target, Actor actor) {
        if (target == null) {
            throw new InvalidInputException("state", "is required: draft, in_review or published");
        }
        Row row = reviews.started(incidentId, actor);
        if (row.state() == target) {
            return reviews.get(incidentId, actor);
        }
        if (!row.state().canMoveTo(target)) {
            throw new ConflictException("A review that is " + row.state().json() + " cannot become " + target.json()
                    + (row.state().next().isEmpty()
                            ? ""
                            : "; it can become "
                                    + row.state().next().stream()
                                            .map(ReviewState::json)
                                            .collect(Collectors.joining(", "))));
        }
        Instant now = clock.instant();
        boolean publishing = target == ReviewState.PUBLISHED;
        store.update(
                new Row(
                        row.incidentId(),
                        target,
                        row.depth(),
                        row.narrative(),
                        row.whatHappened(),
                        row.learned(),
                        row.hypothesis(),
                        row.surprises(),
                        row.customPhases(),
                        row.createdBy(),
                        row.createdAt(),
                        row.updatedAt(),
                        publishing ? now : row.publishedAt(),
                        publishing ? Long.valueOf(actor.userId()) : row.publishedBy()),
                now);
        audit.record(
                actor,
                "review." + target.json(),
                "incident",
                incidentId,
                "from=" + row.state().json());
        rotation.markDone(incidentId, publishing);
        if (publishing) {
            announce(incidentId, actor);
        }
        return reviews.get(incidentId, actor);
    }

    @Transactional
    public Review publish(long incidentId, Actor actor) {
        return move(incidentId, ReviewState.PUBLISHED, actor);
    }

    /**
     * Reopens a published review to amend it: back to "in review" so it can be changed and
     * published again. Only whoever started or published it, or an admin, with a reason, which goes
     * to the audit log and on the incident's timeline. Reads recorded so far stay.
     */
    @Transactional
    public Review reopen(long incidentId, String reason, Actor actor) {
        Row row = reviews.started(incidentId, actor);
        String why =
                reason == null ? "" : ReviewSections.printable(reason, "reason").strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw new InvalidInputException("reason", "must say why the review is reopened (1 to 1000 characters)");
        }
        if (row.state() != ReviewState.PUBLISHED) {
            throw new ConflictException("Only a published review can be reopened; this one is "
                    + row.state().json());
        }
        boolean reviewer = !actor.isSystem()
                && (row.createdBy() == actor.userId()
                        || (row.publishedBy() != null && row.publishedBy() == actor.userId()));
        if (!actor.isAdmin() && !reviewer) {
            throw new ForbiddenException(
                    "Only the reviewer of " + Incident.reference(incidentId) + " or an admin can reopen its review");
        }
        Instant now = clock.instant();
        store.update(
                new Row(
                        row.incidentId(),
                        ReviewState.IN_REVIEW,
                        row.depth(),
                        row.narrative(),
                        row.whatHappened(),
                        row.learned(),
                        row.hypothesis(),
                        row.surprises(),
                        row.customPhases(),
                        row.createdBy(),
                        row.createdAt(),
                        row.updatedAt(),
                        null,
                        null),
                now);
        audit.record(actor, "review.reopened", "incident", incidentId, "reason=" + why);
        timeline.record(
                incidentId,
                "review_reopened",
                "Review reopened by " + actor.name() + " to amend it: " + why,
                Map.of("link", "/incidents/" + incidentId + "/review"),
                actor);
        return reviews.get(incidentId, actor);
    }

    /**
     * Writes and publishes a review that belongs to the past (demo history): the key moments are
     * the entries starred in the room, the story is built from them; nobody is notified.
     */
    @Transactional
    public Review publishHistorical(long incidentId, String learned, Actor actor) {
        Row row = reviews.started(incidentId, actor);
        if (row.state() == ReviewState.PUBLISHED) {
            return reviews.get(incidentId, actor);
        }
        List<Long> starred = timeline.starred(incidentId, actor);
        if (!starred.isEmpty()) {
            reviews.mark(incidentId, new HighlightInput(starred, true, List.of("diagnosis"), null), actor);
        }
        reviews.update(
                incidentId,
                new ReviewSections(reviews.draftStory(incidentId, actor), null, learned, null, null, null),
                actor);
        Row current = store.lock(incidentId).orElseThrow();
        Instant now = clock.instant();
        store.update(
                new Row(
                        current.incidentId(),
                        ReviewState.PUBLISHED,
                        current.depth(),
                        current.narrative(),
                        current.whatHappened(),
                        current.learned(),
                        current.hypothesis(),
                        current.surprises(),
                        current.customPhases(),
                        current.createdBy(),
                        current.createdAt(),
                        current.updatedAt(),
                        now,
                        actor.isSystem() ? null : actor.userId()),
                now);
        rotation.markDone(incidentId, true);
        audit.record(actor, "review.published", "incident", incidentId, "historical");
        return reviews.get(incidentId, actor);
    }

    /**
     * A comment on a part of the review; a {@code question} names someone who may see the incident
     * and who is notified with a link to the review.
     */
    @Transactional
    public ReviewComment comment(
            long incidentId, String target, String kind, String body, Long addresseeId, Actor actor) {
        reviews.started(incidentId, actor);
        if (target == null || !target.matches("(section:[a-z_]{1,30}|highlight:\\d{1,18}|entry:\\d{1,18})")) {
            throw new InvalidInputException("target", "must be section:<name>, highlight:<id> or entry:<id>");
        }
        String k = kind == null || kind.isBlank() ? ReviewComment.COMMENT : kind.strip();
        if (!Set.of(ReviewComment.COMMENT, ReviewComment.QUESTION, ReviewComment.NOTE)
                .contains(k)) {
            throw new InvalidInputException("kind", "must be one of comment, question, note");
        }
        String text = body == null ? "" : ReviewSections.printable(body, "body").strip();
        if (text.isEmpty() || text.length() > 4000) {
            throw new InvalidInputException("body", "must be 1 to 4000 characters");
        }
        if (ReviewComment.QUESTION.equals(k) && addresseeId == null) {
            throw new InvalidInputException("addresseeId", "is required for a question: whom is it for?");
        }
        UserView addressee = null;
        if (addresseeId != null) {
            addressee = users.find(addresseeId)
                    .filter(u -> incidents.canView(incidentId, asActor(u)))
                    .orElseThrow(
                            () -> new InvalidInputException("addresseeId", "is not someone who can see this incident"));
        }
        long id = store.insertComment(incidentId, target, k, text, addresseeId, actor.userId(), clock.instant());
        audit.record(actor, "review.commented", "incident", incidentId, "kind=" + k + " target=" + target);
        if (addressee != null && addressee.id() != actor.userId()) {
            notifications.notify(
                    addressee.id(),
                    new Notice(
                            "review:" + incidentId,
                            "review-question",
                            actor.name() + " asks about " + Incident.reference(incidentId),
                            text,
                            notifications.absolute("/incidents/" + incidentId + "/review"),
                            null,
                            null));
        }
        return reviews.comments(incidentId, actor).stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private void announce(long incidentId, Actor actor) {
        Incident incident = incidents.get(incidentId, Actor.SYSTEM);
        Set<Long> audience = new LinkedHashSet<>();
        people.participants(incidentId, Actor.SYSTEM).stream()
                .map(Participant::userId)
                .forEach(audience::add);
        audience.addAll(follows.followerIds(
                incidentId,
                incident.services().stream().map(Incident.ServiceRef::id).toList()));
        audience.remove(actor.userId());
        String link = notifications.absolute("/incidents/" + incidentId + "/review/read");
        Map<Long, UserView> known = users.byIds(audience);
        for (UserView person : known.values()) {
            if (person.active() && incidents.canView(incidentId, asActor(person))) {
                notifications.notify(
                        person.id(),
                        new Notice(
                                "review:" + incidentId,
                                "review-published",
                                "Review published: " + incident.reference() + " " + incident.title(),
                                actor.name() + " published the review of " + incident.reference()
                                        + ". Read what happened and what we learned: " + link,
                                link,
                                null,
                                null));
            }
        }
        timeline.record(
                incidentId,
                "review_published",
                "Review published by " + actor.name(),
                Map.of("link", "/incidents/" + incidentId + "/review/read"),
                actor);
    }

    static Actor asActor(UserView user) {
        return new Actor(user.id(), user.email(), user.name(), user.role(), null);
    }
}
