package dev.cairn.review;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.review.internal.SurveyStore;
import dev.cairn.review.internal.SurveyStore.Invitation;
import dev.cairn.shared.Secrets;
import dev.cairn.shared.jobs.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One reminder to each invited person who has not answered, {@code cairn.review.survey-reminder-after}
 * (3 days) after their invitation, while the survey is open. It is a db-scheduler execution named
 * {@code <incident>:<user>}, written with the invitation; firing claims the invitation's
 * {@code reminded} flag in the reminding transaction, so two nodes or a revived execution remind
 * once. Only token hashes are stored, so the reminder carries a new link: the claim rotates the
 * hash, and the first message's link then no longer works (one live link per person).
 */
@Service
public class SurveyReminders {

    public static final String TASK = "review-survey-reminder";
    private static final Logger log = LoggerFactory.getLogger(SurveyReminders.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    private final SurveyStore store;
    private final SurveyWindow window;
    private final Incidents incidents;
    private final Users users;
    private final Notifications notifications;
    private final Jobs jobs;
    private final Duration after;

    SurveyReminders(
            SurveyStore store,
            SurveyWindow window,
            Incidents incidents,
            Users users,
            Notifications notifications,
            Jobs jobs,
            @Value("${cairn.review.survey-reminder-after:P3D}") Duration after) {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("cairn.review.survey-reminder-after must be positive, was " + after);
        }
        this.store = store;
        this.window = window;
        this.incidents = incidents;
        this.users = users;
        this.notifications = notifications;
        this.jobs = jobs;
        this.after = after;
    }

    /** Arms the person's reminder, inside the inviting transaction. */
    void arm(long incidentId, long userId, Instant invitedAt) {
        jobs.scheduleIfAbsent(new TaskInstance<>(TASK, incidentId + ":" + userId), invitedAt.plus(after));
    }

    /** Sends the person's reminder unless they answered, were reminded, or the survey has closed. */
    @Transactional
    public void remind(long incidentId, long userId) {
        List<Invitation> all = store.invitations(incidentId);
        Optional<Invitation> mine =
                all.stream().filter(i -> i.userId() == userId).findFirst();
        if (mine.isEmpty() || mine.get().responded() || window.closed(all)) {
            log.debug("event=survey_reminder_skipped incident={} user={}", incidentId, userId);
            return;
        }
        Optional<Incident> incident = incidents.find(incidentId, Actor.SYSTEM);
        Optional<UserView> person = users.find(userId).filter(UserView::active);
        if (incident.isEmpty() || person.isEmpty()) {
            return;
        }
        String secret = Secrets.random(24);
        if (!store.claimReminder(incidentId, userId, Secrets.sha256(secret))) {
            log.debug("event=survey_reminder_stale incident={} user={}", incidentId, userId);
            return;
        }
        ZoneId zone = users.zoneOf(userId);
        String closes = DAY.withZone(zone).format(window.closesAt(all));
        String reference = incident.get().reference();
        notifications.notify(
                userId,
                new Notice(
                        "survey:" + incidentId,
                        "survey-reminder",
                        "[Cairn] Reminder: two minutes on " + reference + " before " + closes,
                        "The survey on " + reference + " " + incident.get().title() + " closes on " + closes
                                + ". Five quick questions, anonymous as before: Cairn keeps that you answered,"
                                + " not what you answered.\n\nThis link replaces the one in the first message.",
                        notifications.absolute("/survey/" + secret),
                        notifications.absolute("/survey/" + secret),
                        "Answer the survey"));
        log.info("event=survey_reminder incident={} user={}", incidentId, userId);
    }
}
