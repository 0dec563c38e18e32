package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.review.internal.RotationParticipants;
import dev.cairn.review.internal.RotationPolicy;
import dev.cairn.review.internal.RotationPolicy.Candidate;
import dev.cairn.review.internal.RotationStore;
import dev.cairn.review.internal.RotationStore.AssignmentRow;
import dev.cairn.review.internal.RotationStore.VolunteerRow;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.TimeTravel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review rotation: a pool of volunteers, and one reviewer per resolved incident chosen from
 * those who did not take part (see {@link RotationPolicy}). The assignment is made in the resolving
 * transaction, so it exists exactly when the resolution commits, and the incident's primary key in
 * {@code review_assignments} makes it happen once whichever node or retry gets there first (a
 * reopened and resolved-again incident keeps its reviewer).
 */
@Service
public class Rotation {

    private static final Logger log = LoggerFactory.getLogger(Rotation.class);

    private final RotationStore store;
    private final RotationParticipants participants;
    private final Incidents incidents;
    private final Users users;
    private final Notifications notifications;
    private final Audit audit;
    private final Clock clock;
    private final Set<String> severities;

    Rotation(
            RotationStore store,
            RotationParticipants participants,
            Incidents incidents,
            Users users,
            Notifications notifications,
            Audit audit,
            Clock clock,
            @Value("${cairn.review.rotation-severities:SEV1,SEV2,SEV3}") Set<String> severities) {
        this.store = store;
        this.participants = participants;
        this.incidents = incidents;
        this.users = users;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.severities = severities.stream().map(String::strip).collect(Collectors.toSet());
    }

    // ---- the pool -----------------------------------------------------------------------------

    public List<RotationVolunteer> volunteers() {
        Map<Long, Integer> totals = store.countsByReviewer();
        List<VolunteerRow> rows = store.volunteers();
        Map<Long, UserView> people =
                users.byIds(rows.stream().map(VolunteerRow::userId).toList());
        return rows.stream()
                .filter(r -> people.containsKey(r.userId()))
                .map(r -> new RotationVolunteer(
                        r.userId(),
                        people.get(r.userId()).name(),
                        r.joinedAt(),
                        r.lastAssignedAt(),
                        r.openReviews(),
                        totals.getOrDefault(r.userId(), 0)))
                .sorted(java.util.Comparator.comparing(RotationVolunteer::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public boolean isVolunteer(long userId) {
        return store.isVolunteer(userId);
    }

    /** Joins the pool: anyone for themselves, admins for anyone. */
    @Transactional
    public void volunteer(long userId, Actor actor) {
        requireSelfOrAdmin(userId, actor);
        UserView person = users.find(userId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("userId", "is not an active user"));
        if (person.role() == Role.VIEWER) {
            throw new InvalidInputException("userId", "is a viewer; reviewers need to write (responder or admin)");
        }
        if (store.join(userId, clock.instant())) {
            audit.record(actor, "review.volunteer_joined", "user", userId, "");
        }
    }

    /** Steps out of the pool (reviews already assigned stay assigned). */
    @Transactional
    public void stepOut(long userId, Actor actor) {
        requireSelfOrAdmin(userId, actor);
        if (store.leave(userId)) {
            audit.record(actor, "review.volunteer_left", "user", userId, "");
        }
    }

    // ---- assignments --------------------------------------------------------------------------

    /** The incident's reviewer and why, for whoever may see the incident. */
    public Optional<RotationAssignment> assignment(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.assignment(incidentId).map(this::view);
    }

    public List<RotationAssignment> recent(int limit) {
        return store.recent(limit).stream()
                .filter(r -> !incidents.restricted(r.incidentId()))
                .map(this::view)
                .toList();
    }

    /** Whether the rotation assigns a reviewer to incidents of this severity. */
    public boolean covers(String severity) {
        return severities.contains(severity);
    }

    @EventListener
    void on(IncidentChanged change) {
        if (change.kind() != ChangeKind.STATUS
                || !"resolved".equals(change.data().get("to"))) {
            return;
        }
        Incident incident = incidents.get(change.incidentId(), Actor.SYSTEM);
        if (incident.type() == IncidentType.DRILL || !covers(incident.severity())) {
            return;
        }
        if (store.assignment(incident.id()).isPresent()) {
            return;
        }
        Set<Long> tookPart = new java.util.HashSet<>(participants.of(incident));
        if (!change.actor().isSystem()) {
            tookPart.add(change.actor().userId());
        }
        assign(incident, tookPart, change.at());
    }

    private void assign(Incident incident, Set<Long> tookPart, Instant now) {
        List<VolunteerRow> rows = store.volunteers();
        Map<Long, UserView> people =
                users.byIds(rows.stream().map(VolunteerRow::userId).toList());
        List<Candidate> pool = new ArrayList<>();
        int hidden = 0;
        for (VolunteerRow row : rows) {
            UserView person = people.get(row.userId());
            if (person == null || !person.active()) {
                continue;
            }
            // A reviewer who is not a member cannot see a private incident; only admins can.
            if (incident.type() == IncidentType.PRIVATE && person.role() != Role.ADMIN) {
                hidden++;
                continue;
            }
            pool.add(new Candidate(row.userId(), person.name(), row.lastTurn(), row.openReviews()));
        }
        RotationPolicy.Pick pick =
                RotationPolicy.pick(pool, tookPart, hidden, "only admins may review a private incident");
        Long reviewer = pick.reviewer().map(Candidate::userId).orElse(null);
        if (!store.assignOnce(incident.id(), reviewer, pick.reason(), null, now)) {
            return;
        }
        log.info("event=review_assigned incident={} reviewer={} reason=\"{}\"", incident.id(), reviewer, pick.reason());
        if (reviewer != null) {
            store.tookTurn(reviewer, now);
            tellReviewer(incident, reviewer, pick.reason());
        } else if (!pool.isEmpty() || hidden > 0) {
            tellAdmins(incident, pick.reason());
        }
    }

    /** Gives the review to someone else, with a reason: admins and the incident's commander. */
    @Transactional
    public RotationAssignment reassign(long incidentId, long reviewerId, String reason, Actor actor) {
        Actors.requireWrite(actor);
        Incident incident = incidents.get(incidentId, actor);
        boolean commander = incident.holder(IncidentRole.COMMANDER)
                .map(h -> h.userId() == actor.userId())
                .orElse(false);
        if (!actor.isAdmin() && !commander) {
            throw new ForbiddenException("Only admins and the incident's commander may reassign its review");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw new InvalidInputException("reason", "is required (at most 500 characters)");
        }
        UserView person = users.find(reviewerId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("reviewerId", "is not an active user"));
        if (person.role() == Role.VIEWER) {
            throw new InvalidInputException("reviewerId", "is a viewer; reviewers need to write");
        }
        if (incident.type() == IncidentType.PRIVATE && person.role() != Role.ADMIN) {
            throw new InvalidInputException(
                    "reviewerId", "cannot see this private incident; only admins can review it");
        }
        if (participants.of(incident).contains(reviewerId)) {
            throw new InvalidInputException(
                    "reviewerId", "took part in the incident; the review needs someone who was not there");
        }
        Instant now = clock.instant();
        String text = "Reassigned by " + actor.name() + ": " + why;
        if (!store.assignOnce(incidentId, reviewerId, text, actor.userId(), now)) {
            store.reassign(incidentId, reviewerId, text, actor.userId(), now);
        }
        if (store.isVolunteer(reviewerId)) {
            store.tookTurn(reviewerId, now);
        }
        audit.record(actor, "review.reassigned", "incident", incidentId, "reviewer=" + reviewerId + " " + why);
        tellReviewer(incident, reviewerId, text);
        return store.assignment(incidentId).map(this::view).orElseThrow();
    }

    private void tellReviewer(Incident incident, long reviewerId, String why) {
        if (TimeTravel.now().isPresent()) {
            return; // history being replayed (demo data): nobody should hear about it today
        }
        notifications.notify(
                reviewerId,
                new Notice(
                        "review:" + incident.id() + ":rotation",
                        "review-assigned",
                        "[Cairn] You are reviewing " + incident.reference() + ": " + incident.title(),
                        "You are the reviewer of " + incident.reference() + " " + incident.title() + " ("
                                + incident.severity() + "), because you were not there: a fresh pair of eyes"
                                + " sees what the people inside took for granted.\n\nWhy you: " + why
                                + "\n\nStart by reading the timeline, then talk to the people who were there;"
                                + " Cairn suggests questions for those conversations.",
                        notifications.absolute("/incidents/" + incident.id() + "/review"),
                        null,
                        null));
    }

    private void tellAdmins(Incident incident, String why) {
        if (TimeTravel.now().isPresent()) {
            return;
        }
        for (UserView admin : users.active()) {
            if (admin.role() == Role.ADMIN) {
                notifications.notify(
                        admin.id(),
                        new Notice(
                                "review:" + incident.id() + ":rotation",
                                "review-unassigned",
                                "[Cairn] Nobody to review " + incident.reference() + ": " + incident.title(),
                                why + ".\n\nAssign a reviewer by hand on the incident, or ask more people to join"
                                        + " the review rotation.",
                                notifications.absolute("/incidents/" + incident.id()),
                                null,
                                null));
            }
        }
    }

    private RotationAssignment view(AssignmentRow row) {
        String reviewer = row.reviewerId() == null
                ? null
                : users.find(row.reviewerId()).map(UserView::name).orElse("someone");
        String by = row.assignedBy() == null
                ? null
                : users.find(row.assignedBy()).map(UserView::name).orElse("someone");
        return new RotationAssignment(
                row.incidentId(),
                row.reviewerId(),
                reviewer,
                row.assignedAt(),
                row.reason(),
                row.assignedBy(),
                by,
                row.done());
    }

    private static void requireSelfOrAdmin(long userId, Actor actor) {
        Actors.requireWrite(actor);
        if (actor.userId() != userId && !actor.isAdmin()) {
            throw new ForbiddenException("Only admins may change someone else's place in the rotation");
        }
    }
}
