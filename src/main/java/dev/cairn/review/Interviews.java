package dev.cairn.review;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.review.internal.InterviewStore;
import dev.cairn.review.internal.InterviewStore.NoteRow;
import dev.cairn.review.internal.InterviewStore.Row;
import dev.cairn.review.internal.RotationParticipants;
import dev.cairn.review.internal.RotationStore;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Interviews: the reviewer talks with the people who were there, guided by {@link InterviewPrompt}s,
 * and keeps notes per prompt linked to moments on the timeline. Whoever may see the incident may
 * read them; the reviewer, the commander and admins hold them.
 */
@Service
public class Interviews {

    public static final int MAX_NOTE = 8000;

    private final InterviewStore store;
    private final RotationStore rotation;
    private final RotationParticipants participants;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Users users;
    private final Notifications notifications;
    private final Audit audit;
    private final InterviewReminders reminders;
    private final Clock clock;

    Interviews(
            InterviewStore store,
            RotationStore rotation,
            RotationParticipants participants,
            Incidents incidents,
            Timeline timeline,
            Users users,
            Notifications notifications,
            Audit audit,
            InterviewReminders reminders,
            Clock clock) {
        this.reminders = reminders;
        this.store = store;
        this.rotation = rotation;
        this.participants = participants;
        this.incidents = incidents;
        this.timeline = timeline;
        this.users = users;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Interview> list(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return views(store.byIncident(incidentId));
    }

    public Interview get(long incidentId, long interviewId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.find(interviewId)
                .filter(r -> r.incidentId() == incidentId)
                .map(r -> views(List.of(r)).getFirst())
                .orElseThrow(() -> new NotFoundException("Interview " + interviewId));
    }

    /** Whether this person may schedule interviews and write notes for the incident. */
    public boolean mayConduct(Incident incident, Actor actor) {
        if (!actor.canWrite()) {
            return false;
        }
        if (actor.isAdmin()) {
            return true;
        }
        boolean reviewer = rotation.assignment(incident.id())
                .map(a -> a.reviewerId() != null && a.reviewerId() == actor.userId())
                .orElse(false);
        boolean commander = incident.holder(IncidentRole.COMMANDER)
                .map(h -> h.userId() == actor.userId())
                .orElse(false);
        return reviewer || commander;
    }

    /** The people who may be interviewed: those who took part, by name. */
    public List<UserView> interviewees(Incident incident) {
        return users.byIds(participants.of(incident)).values().stream()
                .filter(UserView::active)
                .sorted(java.util.Comparator.comparing(UserView::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Transactional
    public Interview schedule(long incidentId, Long intervieweeId, Instant at, Actor actor) {
        Incident incident = conduct(incidentId, actor);
        if (intervieweeId == null) {
            throw new InvalidInputException("intervieweeId", "is required");
        }
        if (at == null) {
            throw new InvalidInputException("scheduledAt", "is required");
        }
        if (!participants.of(incident).contains(intervieweeId)) {
            throw new InvalidInputException("intervieweeId", "did not take part in " + incident.reference());
        }
        UserView person = users.find(intervieweeId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("intervieweeId", "is not an active user"));
        Instant now = clock.instant();
        long id = store.insert(incidentId, intervieweeId, actor.isSystem() ? null : actor.userId(), at, now);
        audit.record(
                actor,
                "review.interview_scheduled",
                "incident",
                incidentId,
                "interview=" + id + " user=" + intervieweeId);
        Interview planned = get(incidentId, id, Actor.SYSTEM);
        // Not for history being replayed (demo data): nobody should be invited or reminded today of a talk months ago.
        if (!actor.isSystem() && dev.cairn.shared.TimeTravel.now().isEmpty()) {
            invite(incident, person, actor, at, id);
            reminders.arm(id, planned.scheduledAt(), false);
        }
        return planned;
    }

    @Transactional
    public Interview update(long incidentId, long interviewId, String status, Instant at, Actor actor) {
        Incident incident = conduct(incidentId, actor);
        Interview current = get(incidentId, interviewId, actor);
        InterviewStatus next = status == null ? current.status() : InterviewStatus.parse(status);
        store.update(interviewId, next.json(), at == null ? current.scheduledAt() : at);
        audit.record(
                actor,
                "review.interview_updated",
                "incident",
                incidentId,
                "interview=" + interviewId + " " + next.json());
        Interview updated = get(incidentId, interviewId, actor);
        boolean replanned = current.status() != InterviewStatus.PLANNED
                || !current.scheduledAt().equals(updated.scheduledAt());
        if (next == InterviewStatus.PLANNED
                && replanned
                && dev.cairn.shared.TimeTravel.now().isEmpty()) {
            // Moved (or planned again): remind for the new time, at once if that is already near.
            reminders.arm(interviewId, updated.scheduledAt(), true);
        }
        // Not for history being replayed (demo data); a repeated request changes nothing and tells nobody.
        if (dev.cairn.shared.TimeTravel.now().isEmpty()) {
            if (next == InterviewStatus.CANCELLED && current.status() != InterviewStatus.CANCELLED) {
                tellOfChange(incident, current, updated, actor);
            } else if (next == InterviewStatus.PLANNED && replanned) {
                tellOfChange(incident, current, updated, actor);
            }
        }
        return updated;
    }

    /** Writes what was said to one prompt and which timeline moments it is about. */
    @Transactional
    public Interview note(
            long incidentId, long interviewId, String prompt, String body, List<Long> entryIds, Actor actor) {
        conduct(incidentId, actor);
        get(incidentId, interviewId, actor);
        InterviewPrompt.of(prompt);
        String text = body == null ? "" : body.strip();
        if (text.length() > MAX_NOTE) {
            throw new InvalidInputException("body", "must be at most " + MAX_NOTE + " characters");
        }
        List<Long> given = entryIds == null ? List.of() : entryIds;
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                throw new InvalidInputException("entryIds[" + i + "]", "must be an entry id");
            }
        }
        List<Long> moments = List.copyOf(new LinkedHashSet<>(given));
        if (moments.size() > 50) {
            throw new InvalidInputException("entryIds", "may link at most 50 moments");
        }
        Set<Long> ofIncident = moments.isEmpty()
                ? Set.of()
                : timeline.entries(incidentId, moments, Actor.SYSTEM).stream()
                        .map(TimelineEntry::id)
                        .collect(Collectors.toCollection(HashSet::new));
        for (int i = 0; i < moments.size(); i++) {
            if (!ofIncident.contains(moments.get(i))) {
                throw new InvalidInputException("entryIds[" + i + "]", "is not an entry of this incident's timeline");
            }
        }
        store.saveNote(interviewId, prompt, text, moments, clock.instant());
        return get(incidentId, interviewId, actor);
    }

    private Incident conduct(long incidentId, Actor actor) {
        Actors.requireWrite(actor);
        Incident incident = incidents.get(incidentId, actor);
        if (!actor.isSystem() && !mayConduct(incident, actor)) {
            throw new ForbiddenException("Only the reviewer, the commander and admins hold this incident's interviews");
        }
        return incident;
    }

    private void invite(Incident incident, UserView person, Actor by, Instant at, long interviewId) {
        ZoneId zone = users.zoneOf(person.id());
        String when = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH)
                .withZone(zone)
                .format(at);
        notifications.notify(
                person.id(),
                new Notice(
                        "review:" + incident.id() + ":interview:" + interviewId,
                        "review-interview",
                        "[Cairn] " + by.name() + " would like to hear about " + incident.reference(),
                        by.name() + " is reviewing " + incident.reference() + " " + incident.title()
                                + " and would like to talk with you on " + when + " (" + zone.getId() + ")."
                                + "\n\nIt is a conversation, not an exam: how you found out, what you expected, what"
                                + " made it hard and what you knew that others didn't. Nothing to prepare; about"
                                + " 30 minutes.",
                        notifications.absolute("/incidents/" + incident.id() + "/review/interviews/" + interviewId),
                        null,
                        null));
    }

    /**
     * Tells the interviewee, and the interviewer when someone else made the change, that the
     * interview moved, is on again or was cancelled — each in their own time zone. Whoever made the
     * change is not told of it.
     */
    private void tellOfChange(Incident incident, Interview before, Interview after, Actor by) {
        Set<Long> people = new LinkedHashSet<>();
        people.add(after.intervieweeId());
        if (after.interviewerId() != null) {
            people.add(after.interviewerId());
        }
        people.remove(by.userId());
        String link = notifications.absolute("/incidents/" + incident.id() + "/review/interviews/" + after.id());
        String about = incident.reference() + " " + incident.title();
        for (UserView person : users.byIds(people).values()) {
            if (!person.active()) {
                continue;
            }
            boolean interviewee = person.id() == after.intervieweeId();
            String with = interviewee ? "" : " with " + after.intervieweeName();
            String subject;
            String text;
            if (after.status() == InterviewStatus.CANCELLED) {
                subject = "Your interview" + with + " on " + incident.reference() + " was cancelled";
                text = by.name() + " cancelled the interview" + with + " about " + about + " planned for "
                        + when(person, before.scheduledAt()) + ".";
            } else if (!before.scheduledAt().equals(after.scheduledAt())) {
                subject = "Your interview" + with + " on " + incident.reference() + " moved to "
                        + when(person, after.scheduledAt());
                text = by.name() + " moved the interview" + with + " about " + about + " from "
                        + when(person, before.scheduledAt()) + " to " + when(person, after.scheduledAt()) + ".";
            } else {
                subject = "Your interview" + with + " on " + incident.reference() + " is on again, "
                        + when(person, after.scheduledAt());
                text = by.name() + " planned the interview" + with + " about " + about + " again for "
                        + when(person, after.scheduledAt()) + ".";
            }
            notifications.notify(
                    person.id(),
                    new Notice(
                            "review:" + incident.id() + ":interview:" + after.id() + ":changes",
                            "review-interview-changed",
                            "[Cairn] " + subject,
                            text,
                            link,
                            null,
                            null));
        }
    }

    private String when(UserView person, Instant at) {
        ZoneId zone = users.zoneOf(person.id());
        return DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH)
                        .withZone(zone)
                        .format(at)
                + " (" + zone.getId() + ")";
    }

    private List<Interview> views(List<Row> rows) {
        Set<Long> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.intervieweeId());
            if (r.interviewerId() != null) {
                people.add(r.interviewerId());
            }
        });
        Map<Long, UserView> names = users.byIds(people);
        Map<Long, List<NoteRow>> notes = store.notes(rows.stream().map(Row::id).toList());
        return rows.stream()
                .map(r -> new Interview(
                        r.id(),
                        r.incidentId(),
                        r.intervieweeId(),
                        name(names, r.intervieweeId()),
                        r.interviewerId(),
                        r.interviewerId() == null ? null : name(names, r.interviewerId()),
                        r.scheduledAt(),
                        InterviewStatus.parse(r.status()),
                        notes.getOrDefault(r.id(), List.of()).stream()
                                .sorted(java.util.Comparator.comparingInt(n -> order(n.prompt())))
                                .map(n -> new Interview.Note(n.prompt(), n.body(), n.entryIds(), n.updatedAt()))
                                .toList()))
                .toList();
    }

    private static int order(String prompt) {
        for (int i = 0; i < InterviewPrompt.ALL.size(); i++) {
            if (InterviewPrompt.ALL.get(i).key().equals(prompt)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String name(Map<Long, UserView> names, long id) {
        UserView u = names.get(id);
        return u == null ? "someone" : u.name();
    }
}
