package dev.cairn.comms;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.comms.internal.AudienceStore;
import dev.cairn.comms.internal.UpdateStore;
import dev.cairn.comms.internal.UpdateStore.Due;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Channel;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * When each audience of an open incident is due its next update, and the reminder when it is due
 * and not sent. An audience is due its cadence after its last update (or the time that update
 * promised), or after the declaration before any update. One db-scheduler execution per incident,
 * named {@code <incident>:<version>}, fires at the earliest due moment; firing claims the version
 * (a compare-and-set in the reminding transaction), so two nodes or a revived execution never
 * remind twice, and any re-arming (an update sent, a severity change) makes older executions stale.
 * Resolving or closing the incident stops it.
 */
@Service
public class UpdateCadence {

    public static final String TASK = "comms-update-reminder";
    static final String KIND_REMINDER = "update_reminder";
    private static final Logger log = LoggerFactory.getLogger(UpdateCadence.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final UpdateStore updates;
    private final AudienceStore audiences;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Notifications notifications;
    private final Jobs jobs;
    private final Clock clock;

    private final Users users;

    UpdateCadence(
            UpdateStore updates,
            AudienceStore audiences,
            Incidents incidents,
            Timeline timeline,
            Notifications notifications,
            Users users,
            Jobs jobs,
            Clock clock) {
        this.users = users;
        this.updates = updates;
        this.audiences = audiences;
        this.incidents = incidents;
        this.timeline = timeline;
        this.notifications = notifications;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** When an audience is next due, for the room card. */
    public record AudienceDue(long audienceId, Instant dueAt, boolean overdue, boolean reminded) {}

    /** Who is reminded: the communications lead, else the commander, else nobody (empty). */
    public static Optional<Incident.RoleHolder> remindee(Incident incident) {
        return incident.holder(IncidentRole.COMMUNICATIONS_LEAD).or(() -> incident.holder(IncidentRole.COMMANDER));
    }

    public Map<Long, AudienceDue> dues(long incidentId) {
        Instant now = clock.instant();
        return updates.dues(incidentId).stream()
                .collect(Collectors.toMap(
                        Due::audienceId,
                        d -> new AudienceDue(
                                d.audienceId(), d.dueAt(), !d.dueAt().isAfter(now), d.remindedAt() != null)));
    }

    /** Recomputes when each audience is due and arms the reminder (inside the caller's transaction). */
    @Transactional
    public void rearm(long incidentId) {
        incidents
                .find(incidentId, Actor.SYSTEM)
                .ifPresent(i -> rearm(i, i.severity(), i.status().open()));
    }

    @EventListener
    void incidentChanged(IncidentChanged change) {
        // Published before the incident row is written: take the new severity or status from the event.
        if (change.kind() != ChangeKind.DECLARED
                && change.kind() != ChangeKind.SEVERITY
                && change.kind() != ChangeKind.STATUS) {
            return;
        }
        Optional<Incident> found = incidents.find(change.incidentId(), Actor.SYSTEM);
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        String severity = change.kind() == ChangeKind.SEVERITY ? change.data().get("to") : incident.severity();
        boolean open = change.kind() == ChangeKind.STATUS
                ? IncidentStatus.parse(change.data().get("to")).open()
                : incident.status().open();
        rearm(incident, severity, open);
    }

    private void rearm(Incident incident, String severity, boolean open) {
        long version = updates.bumpFence(incident.id());
        if (!open) {
            updates.clearDues(incident.id());
            return;
        }
        Map<Long, SentUpdate> latest = updates.latestPerAudience(incident.id());
        for (Audience audience : audiences.all()) {
            SentUpdate last = latest.get(audience.id());
            Integer every = audience.every(severity);
            Instant due;
            if (last != null && last.nextUpdateAt() != null) {
                due = last.nextUpdateAt();
            } else if (every == null) {
                due = null;
            } else {
                due = (last != null ? last.sentAt() : incident.declaredAt()).plusSeconds(every * 60L);
            }
            if (due == null) {
                updates.clearDue(incident.id(), audience.id());
            } else {
                updates.setDue(incident.id(), audience.id(), due);
            }
        }
        schedule(incident.id(), version);
    }

    private void schedule(long incidentId, long version) {
        updates.dues(incidentId).stream()
                .filter(d -> d.remindedAt() == null)
                .map(Due::dueAt)
                .min(Comparator.naturalOrder())
                .ifPresent(at -> jobs.schedule(new TaskInstance<>(TASK, incidentId + ":" + version), at));
    }

    /** Runs the reminder armed as {@code version}; a stale version does nothing. */
    @Transactional
    public void fire(long incidentId, long version) {
        if (!updates.claim(incidentId, version)) {
            log.debug("event=update_reminder_stale incident={} version={}", incidentId, version);
            return;
        }
        Optional<Incident> found = incidents.find(incidentId, Actor.SYSTEM);
        if (found.isEmpty() || !found.get().status().open()) {
            updates.clearDues(incidentId);
            return;
        }
        Incident incident = found.get();
        Instant now = clock.instant();
        List<Due> due = updates.dues(incidentId).stream()
                .filter(d -> d.remindedAt() == null && !d.dueAt().isAfter(now))
                .toList();
        if (!due.isEmpty()) {
            updates.markReminded(incidentId, due.stream().map(Due::audienceId).toList(), now);
            remind(incident, due);
        }
        schedule(incidentId, version + 1);
    }

    private void remind(Incident incident, List<Due> due) {
        Map<Long, String> names = audiences.all().stream().collect(Collectors.toMap(Audience::id, Audience::name));
        String which = due.stream()
                .map(d -> names.getOrDefault(d.audienceId(), "an audience"))
                .collect(Collectors.joining(", "));
        String since = TIME.format(due.getFirst().dueAt());
        boolean drill = incident.type() == IncidentType.DRILL;
        String prefix = drill ? AudienceUpdates.DRILL + " " : "";
        Optional<Incident.RoleHolder> who = remindee(incident);
        String text = prefix + "Update due for " + which + " (since " + since + "). "
                + who.map(h -> "Reminded " + h.name() + " (" + h.role().label().toLowerCase(java.util.Locale.ROOT)
                                + ").")
                        .orElse("Nobody holds the communications lead or commander role, so nobody was reminded.");
        timeline.record(
                incident.id(),
                KIND_REMINDER,
                text,
                Map.of(
                        "audiences",
                        due.stream().map(d -> String.valueOf(d.audienceId())).collect(Collectors.joining(","))),
                Actor.SYSTEM);
        who.ifPresent(h -> {
            Notice notice = new Notice(
                    "update-reminder:" + incident.id(),
                    "update-reminder",
                    prefix + "Update due: " + incident.reference() + " " + incident.title() + " — " + which,
                    text + "\n\nWrite one update; Cairn drafts it for each audience.",
                    notifications.absolute("/incidents/" + incident.id()),
                    notifications.absolute("/incidents/" + incident.id() + "/updates/new"),
                    "Write the update");
            boolean bySlack = notifications.notify(h.userId(), notice).stream()
                    .anyMatch(d -> Channel.SLACK.json().equals(d.channel()));
            // Someone known in Slack (their Slack id on the profile) also gets the reminder there,
            // where they are working the incident, even without a Slack contact method.
            if (!bySlack) {
                users.find(h.userId())
                        .map(UserView::slackId)
                        .filter(id -> id != null && id.matches("[UW][A-Z0-9]{2,39}"))
                        .ifPresent(slackId -> notifications.sendTo(Channel.SLACK, slackId, null, notice));
            }
        });
        log.info(
                "event=update_reminder incident={} audiences={} remindee={}",
                incident.id(),
                due.size(),
                who.map(h -> String.valueOf(h.userId())).orElse("none"));
    }
}
