package dev.cairn.review;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.review.internal.InterviewStore;
import dev.cairn.review.internal.InterviewStore.Row;
import dev.cairn.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds the interviewer and the interviewee {@code cairn.review.interview-reminder-before} (one
 * hour) before a planned interview. A db-scheduler execution named {@code <interview>:<time>} is
 * written with the plan (and again when the interview moves); firing claims the interview's
 * {@code reminded_for} column for its current time in the reminding transaction, so two nodes or a
 * revived execution remind once, an interview moved to another time is reminded for the new one,
 * and a cancelled or done interview is not reminded.
 */
@Service
public class InterviewReminders {

    public static final String TASK = "review-interview-reminder";
    private static final Logger log = LoggerFactory.getLogger(InterviewReminders.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

    private final InterviewStore store;
    private final Incidents incidents;
    private final Users users;
    private final Notifications notifications;
    private final Jobs jobs;
    private final Clock clock;
    private final Duration before;

    InterviewReminders(
            InterviewStore store,
            Incidents incidents,
            Users users,
            Notifications notifications,
            Jobs jobs,
            Clock clock,
            @Value("${cairn.review.interview-reminder-before:PT1H}") Duration before) {
        if (before.isNegative() || before.isZero()) {
            throw new IllegalArgumentException(
                    "cairn.review.interview-reminder-before must be positive, was " + before);
        }
        this.store = store;
        this.incidents = incidents;
        this.users = users;
        this.notifications = notifications;
        this.jobs = jobs;
        this.clock = clock;
        this.before = before;
    }

    /**
     * Arms the reminder for an interview planned or moved to {@code at}, inside that transaction.
     * Nothing for a time already past. When the reminder moment has passed, it goes at once only if
     * {@code evenIfDue} (an interview moved to a nearer time); a new interview that close has just
     * had its invitation.
     */
    void arm(long interviewId, Instant at, boolean evenIfDue) {
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            return;
        }
        Instant due = at.minus(before);
        if (due.isBefore(now)) {
            if (!evenIfDue) {
                return;
            }
            due = now;
        }
        jobs.scheduleIfAbsent(new TaskInstance<>(TASK, interviewId + ":" + at.getEpochSecond()), due);
    }

    /** Reminds both people of the interview's current time, unless it is no longer planned, past, or reminded. */
    @Transactional
    public void remind(long interviewId) {
        Optional<Row> found = store.find(interviewId);
        Instant now = clock.instant();
        if (found.isEmpty()
                || !InterviewStatus.PLANNED.json().equals(found.get().status())
                || now.isBefore(found.get().scheduledAt().minus(before))
                || !now.isBefore(found.get().scheduledAt())) {
            // Cancelled, done, moved later (its own execution will come) or already begun.
            log.debug("event=interview_reminder_skipped interview={}", interviewId);
            return;
        }
        Row row = found.get();
        Optional<Incident> incident = incidents.find(row.incidentId(), Actor.SYSTEM);
        if (incident.isEmpty() || !store.claimReminder(interviewId)) {
            log.debug("event=interview_reminder_stale interview={}", interviewId);
            return;
        }
        Optional<UserView> interviewee = users.find(row.intervieweeId());
        Optional<UserView> interviewer = Optional.ofNullable(row.interviewerId())
                .filter(id -> id != row.intervieweeId())
                .flatMap(users::find);
        String in = in(Duration.between(now, row.scheduledAt()));
        Incident inc = incident.get();
        String link = notifications.absolute("/incidents/" + inc.id() + "/review/interviews/" + interviewId);
        String topic = "review:" + inc.id() + ":interview:" + interviewId;
        interviewee.filter(UserView::active).ifPresent(person -> {
            String when = when(person, row.scheduledAt());
            String by = interviewer.map(UserView::name).orElse("The reviewer");
            notifications.notify(
                    person.id(),
                    new Notice(
                            topic,
                            "review-interview-reminder",
                            "[Cairn] " + capital(in) + ": talking with " + by + " about " + inc.reference(),
                            "A reminder: " + by + " would like to talk with you about " + inc.reference() + " "
                                    + inc.title() + " on " + when + ", " + in + ".\n\nIt is a conversation, not an"
                                    + " exam; nothing to prepare.",
                            link,
                            null,
                            null));
        });
        interviewer.filter(UserView::active).ifPresent(person -> {
            String who = interviewee.map(UserView::name).orElse("someone who took part");
            notifications.notify(
                    person.id(),
                    new Notice(
                            topic,
                            "review-interview-reminder",
                            "[Cairn] " + capital(in) + ": your interview with " + who + " about " + inc.reference(),
                            "Your interview with " + who + " about " + inc.reference() + " " + inc.title() + " is on "
                                    + when(person, row.scheduledAt()) + ", " + in + ".\n\nThe prompts and a place"
                                    + " for notes are on the interview page.",
                            link,
                            link,
                            "Open the interview"));
        });
        log.info("event=interview_reminder interview={} incident={}", interviewId, inc.id());
    }

    private String when(UserView person, Instant at) {
        ZoneId zone = users.zoneOf(person.id());
        return WHEN.withZone(zone).format(at) + " (" + zone.getId() + ")";
    }

    private static String capital(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "in 1 hour", "in 20 minutes", "in 1 h 30 min": how long until the interview, to the minute. */
    static String in(Duration until) {
        long minutes = Math.max(1, (until.toSeconds() + 59) / 60);
        if (minutes < 60) {
            return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return "in " + hours + (hours == 1 ? " hour" : " hours");
        }
        return "in " + minutes / 60 + " h " + minutes % 60 + " min";
    }
}
