package dev.cairn.guidance;

import dev.cairn.guidance.internal.NudgeStore;
import dev.cairn.identity.Actor;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.TimeTravel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * What each role means and its first steps, written for someone who has never held it. Shown in the
 * room to the role holder, and sent to them once when they are given the role.
 */
@Service
public class RoleCards {

    private static final Map<IncidentRole, RoleCard> CARDS = Map.of(
            IncidentRole.COMMANDER,
            new RoleCard(
                    IncidentRole.COMMANDER,
                    "You are the incident commander",
                    "You coordinate; you do not have to fix it yourself. You decide what happens next, and"
                            + " everyone else helps. It is fine to say \"I don't know yet\".",
                    List.of(
                            "Say in the room that you are the commander.",
                            "Ask what is broken and for whom; check the severity fits.",
                            "Give the other roles: a communications lead and a scribe.",
                            "Decide the next step, say it out loud, and name who owns it.",
                            "Every 30 minutes, sum up: what we know, what we try, what comes next.")),
            IncidentRole.COMMUNICATIONS_LEAD,
            new RoleCard(
                    IncidentRole.COMMUNICATIONS_LEAD,
                    "You are the communications lead",
                    "You keep everyone outside the room informed, so the people fixing it can concentrate."
                            + " You do not need to understand every technical detail.",
                    List.of(
                            "Find out who needs to know: customer support, executives, customers.",
                            "Post a first update now: what is affected, what we are doing, when you will"
                                    + " update next.",
                            "Update every 30 minutes, even if nothing changed.",
                            "Take questions from outside yourself; bring only the important ones to the"
                                    + " commander.")),
            IncidentRole.SCRIBE,
            new RoleCard(
                    IncidentRole.SCRIBE,
                    "You are the scribe",
                    "You keep the record, so nobody has to remember and the review later has the facts.",
                    List.of(
                            "Write on the timeline what people find, decide and try, as it happens.",
                            "Write down who owns each open task.",
                            "Note the questions nobody has answered yet.",
                            "Star the key moments: when it started, when we understood it, when it was" + " fixed.")),
            IncidentRole.SUBJECT_MATTER_EXPERT,
            new RoleCard(
                    IncidentRole.SUBJECT_MATTER_EXPERT,
                    "You are a subject-matter expert",
                    "You were asked in for what you know. Nobody expects you to know everything.",
                    List.of(
                            "Say what you see, and what you want to try before you try it.",
                            "Tell the commander when you are stuck or need someone else.",
                            "Write what you find on the timeline, even small things.")));

    private final NudgeStore store;
    private final Incidents incidents;
    private final Notifications notifications;

    RoleCards(NudgeStore store, Incidents incidents, Notifications notifications) {
        this.store = store;
        this.incidents = incidents;
        this.notifications = notifications;
    }

    public RoleCard of(IncidentRole role) {
        return CARDS.get(role);
    }

    /** The cards of the roles this person holds in the incident. */
    public List<RoleCard> held(Incident incident, long userId) {
        return incident.roles().stream()
                .filter(r -> r.userId() == userId)
                .map(r -> of(r.role()))
                .toList();
    }

    /**
     * Sends the card to whoever was given a role, once per person, role and incident, in the
     * assigning transaction (the notification exists iff the assignment commits). Not for history
     * being replayed (demo data, imports): nobody should hear today about a role held months ago.
     */
    @EventListener
    void on(IncidentChanged change) {
        if (change.kind() != ChangeKind.ROLE_ASSIGNED || TimeTravel.now().isPresent()) {
            return;
        }
        IncidentRole role = IncidentRole.parse(change.data().get("role"));
        long userId = Long.parseLong(change.data().get("userId"));
        if (!store.roleCardSent(change.incidentId(), userId, role, change.at())) {
            return;
        }
        Incident incident = incidents.get(change.incidentId(), Actor.SYSTEM);
        RoleCard card = of(role);
        String steps = IntStream.range(0, card.firstSteps().size())
                .mapToObj(i -> (i + 1) + ". " + card.firstSteps().get(i))
                .collect(Collectors.joining("\n"));
        notifications.notify(
                userId,
                new Notice(
                        "incident:" + incident.id() + ":role:" + role.json(),
                        "role-card",
                        "[Cairn] " + incident.reference() + ": " + card.title(),
                        card.title() + " for " + incident.reference() + " " + incident.title() + " ("
                                + incident.severity() + ").\n\n" + card.meaning() + "\n\nFirst steps:\n" + steps,
                        notifications.absolute("/incidents/" + incident.id()),
                        null,
                        null));
    }
}
