package dev.cairn.slack;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.guidance.ChecklistTicked;
import dev.cairn.guidance.Checklists;
import dev.cairn.identity.Actor;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.slack.internal.SlackCards;
import dev.cairn.slack.internal.SlackStore;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An incident's Slack channel from creation on. Declaring (in Slack, the web or the API) plans
 * {@code conversations.create} through the outbox; once Slack answers, the channel is linked and
 * the rest follows, each step a call of its own in its rate lane: the reporter, the owners of the
 * affected services and whoever is on call for them are invited, a summary card is posted and
 * pinned, and the severity's checklist is posted with a button per item. Both messages are edited
 * in place as the incident changes, a burst of changes coalesced into one edit.
 */
@Service
public class SlackRooms {

    public static final String REFRESH_TASK = "slack-room-refresh";
    static final String CREATE = "slack-create";
    static final String SUMMARY = "slack-summary";
    static final String CHECKLIST = "slack-checklist";
    static final String LOOKUP = "slack-invite-lookup";
    static final String CLOSING = "slack-closing";
    static final String ARCHIVE = "slack-archive";
    static final String TOPIC = "slack:room:";
    static final String INVITE_TOPIC = "slack:invite:";
    /** How long changes gather before one edit of the card and checklist. */
    static final Duration COALESCE = Duration.ofSeconds(2);

    private static final int MAX_NAME_ATTEMPTS = 20;
    private static final Logger log = LoggerFactory.getLogger(SlackRooms.class);

    private final SlackSettings settings;
    private final SlackStore store;
    private final Notifications notifications;
    private final Incidents incidents;
    private final Checklists checklists;
    private final Services services;
    private final Teams teams;
    private final Users users;
    private final EscalationPolicies policies;
    private final Timeline timeline;
    private final Jobs jobs;
    private final Clock clock;

    SlackRooms(
            SlackSettings settings,
            SlackStore store,
            Notifications notifications,
            Incidents incidents,
            Checklists checklists,
            Services services,
            Teams teams,
            Users users,
            EscalationPolicies policies,
            Timeline timeline,
            Jobs jobs,
            Clock clock) {
        this.settings = settings;
        this.store = store;
        this.notifications = notifications;
        this.incidents = incidents;
        this.checklists = checklists;
        this.services = services;
        this.teams = teams;
        this.users = users;
        this.policies = policies;
        this.timeline = timeline;
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void changed(IncidentChanged change) {
        if (!settings.configured()) {
            return;
        }
        if (change.kind() == ChangeKind.DECLARED) {
            if (settings.channelPerIncident()) {
                create(change.incidentId(), 1);
            }
        } else {
            refreshSoon(change.incidentId());
        }
    }

    @EventListener
    void ticked(ChecklistTicked tick) {
        if (settings.configured()) {
            refreshSoon(tick.incidentId());
        }
    }

    private void create(long incidentId, int attempt) {
        Incident incident = incidents.get(incidentId, Actor.SYSTEM);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", SlackCards.channelName(incident, attempt));
        args.put("is_private", incident.type() == IncidentType.PRIVATE);
        notifications.callSlack(TOPIC + incidentId, CREATE, "conversations.create", args);
    }

    /** Slack said the name is taken: the next attempt adds a number ({@code inc-42-title-2}). */
    @Transactional
    public boolean nameTaken(long incidentId, String name) {
        Optional<Incident> incident = incidents.find(incidentId, Actor.SYSTEM);
        if (incident.isEmpty()) {
            return false;
        }
        for (int attempt = 1; attempt < MAX_NAME_ATTEMPTS; attempt++) {
            if (SlackCards.channelName(incident.get(), attempt).equals(name)) {
                create(incidentId, attempt + 1);
                return true;
            }
        }
        return false;
    }

    /** The channel exists: link it, invite the people, post the card and the checklist. */
    @Transactional
    public void created(long incidentId, String channelId, String name) {
        Optional<Incident> found = incidents.find(incidentId, Actor.SYSTEM);
        if (found.isEmpty() || !store.linkIfNone(incidentId, channelId, clock.instant())) {
            log.info("slack channel not linked incident={} channel={} reason=already_linked", incidentId, channelId);
            return;
        }
        Incident incident = found.get();
        timeline.record(
                incidentId,
                "slack_channel",
                "Slack channel #" + name + " created for this incident",
                Map.of("channel", channelId),
                Actor.SYSTEM);
        invite(incident, channelId);
        String room = notifications.absolute("/incidents/" + incidentId);
        notifications.callSlack(
                TOPIC + incidentId, SUMMARY, "chat.postMessage", SlackCards.summary(channelId, null, incident, room));
        notifications.callSlack(
                TOPIC + incidentId,
                CHECKLIST,
                "chat.postMessage",
                SlackCards.checklist(channelId, null, incident, checklists.of(incidentId, Actor.SYSTEM)));
    }

    private void invite(Incident incident, String channelId) {
        List<String> slackIds = new ArrayList<>();
        for (UserView person : invitees(incident)) {
            if (person.slackId() != null && !person.slackId().isBlank()) {
                if (!slackIds.contains(person.slackId())) {
                    slackIds.add(person.slackId());
                }
            } else if (person.email() != null && !person.email().isBlank()) {
                notifications.callSlack(
                        INVITE_TOPIC + channelId, LOOKUP, "users.lookupByEmail", Map.of("email", person.email()));
            }
        }
        if (!slackIds.isEmpty()) {
            inviteIds(channelId, slackIds);
        }
    }

    /**
     * The reporter, the members of the teams owning the affected services, and who is on call for
     * them. A private incident's channel gets the reporter only: only its members may see it, and
     * they bring in whom they choose.
     */
    List<UserView> invitees(Incident incident) {
        Map<Long, UserView> people = new LinkedHashMap<>();
        if (incident.createdBy() != null) {
            users.find(incident.createdBy()).ifPresent(u -> people.put(u.id(), u));
        }
        if (incident.type() == IncidentType.PRIVATE) {
            return people.values().stream().filter(UserView::active).toList();
        }
        Instant now = clock.instant();
        Map<Long, ServiceView> affected = services.byIds(
                incident.services().stream().map(Incident.ServiceRef::id).toList());
        for (ServiceView service : affected.values()) {
            if (service.ownerTeamId() != null) {
                teams.find(service.ownerTeamId())
                        .map(TeamView::members)
                        .orElse(List.of())
                        .forEach(u -> people.putIfAbsent(u.id(), u));
            }
            policies.forService(service.id())
                    .ifPresent(policy ->
                            policies.firstResponders(policy, now).forEach(u -> people.putIfAbsent(u.id(), u)));
        }
        return people.values().stream().filter(UserView::active).toList();
    }

    private void inviteIds(String channelId, List<String> slackIds) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", channelId);
        args.put("users", String.join(",", slackIds));
        notifications.callSlack(INVITE_TOPIC + channelId, "slack-invite", "conversations.invite", args);
    }

    /** users.lookupByEmail found the member: invite them. */
    @Transactional
    public void lookedUp(String channelId, String slackId) {
        inviteIds(channelId, List.of(slackId));
    }

    @Transactional
    public void summaryPosted(long incidentId, String channelId, String ts) {
        store.summaryPosted(incidentId, channelId, ts);
        Map<String, Object> pin = new LinkedHashMap<>();
        pin.put("channel", channelId);
        pin.put("timestamp", ts);
        notifications.callSlack(TOPIC + incidentId, "slack-pin", "pins.add", pin);
        // A change between planning the card and Slack taking it would otherwise be missing.
        refreshSoon(incidentId);
    }

    @Transactional
    public void checklistPosted(long incidentId, String channelId, String ts) {
        store.checklistPosted(incidentId, channelId, ts);
        refreshSoon(incidentId);
    }

    private void refreshSoon(long incidentId) {
        Instant due = clock.instant().plus(COALESCE);
        if (store.markRefresh(incidentId, due)) {
            jobs.schedule(new TaskInstance<Void>(REFRESH_TASK, incidentId + ":" + due.toEpochMilli()), due);
        }
    }

    /**
     * The refresh job: edits the card and the checklist to the incident's state now. Once the
     * incident is closed, the edits are followed (in the channel's ordered lane) by a last message,
     * and Slack's answer to it archives the channel; nothing is edited after that.
     */
    @Transactional
    public void refresh(long incidentId) {
        if (!store.takeRefresh(incidentId)) {
            return;
        }
        Optional<SlackStore.Room> room = store.room(incidentId);
        Optional<Incident> incident = incidents.find(incidentId, Actor.SYSTEM);
        if (room.isEmpty() || incident.isEmpty() || store.closing(incidentId)) {
            return;
        }
        String channel = room.get().channelId();
        if (room.get().summaryTs() != null) {
            notifications.callSlack(
                    TOPIC + incidentId,
                    "slack-summary-update",
                    "chat.update",
                    SlackCards.summary(
                            channel,
                            room.get().summaryTs(),
                            incident.get(),
                            notifications.absolute("/incidents/" + incidentId)));
        }
        if (room.get().checklistTs() != null) {
            notifications.callSlack(
                    TOPIC + incidentId,
                    "slack-checklist-update",
                    "chat.update",
                    SlackCards.checklist(
                            channel,
                            room.get().checklistTs(),
                            incident.get(),
                            checklists.of(incidentId, Actor.SYSTEM)));
        }
        if (incident.get().status() == IncidentStatus.CLOSED
                && settings.archiveOnClose()
                && store.markClosing(incidentId, clock.instant())) {
            notifications.callSlack(
                    TOPIC + incidentId,
                    CLOSING,
                    "chat.postMessage",
                    Map.of(
                            "channel",
                            channel,
                            "text",
                            incident.get().reference() + " is closed, so this channel is being archived. Its"
                                    + " messages stay on the incident's timeline in Cairn, with the review and the"
                                    + " action items: " + notifications.absolute("/incidents/" + incidentId)));
        }
    }

    /** The closing message is in the channel: archive it (Tier 2, like creating it). */
    @Transactional
    public void closingPosted(long incidentId, String channelId) {
        if (store.channelOf(incidentId).filter(channelId::equals).isPresent()) {
            notifications.callSlack(TOPIC + incidentId, ARCHIVE, "conversations.archive", Map.of("channel", channelId));
        }
    }
}
