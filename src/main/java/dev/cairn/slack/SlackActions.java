package dev.cairn.slack;

import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.EscalationPolicy;
import dev.cairn.escalation.OpenPage;
import dev.cairn.escalation.PageView;
import dev.cairn.escalation.Paging;
import dev.cairn.identity.Actor;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.slack.internal.SlackStore;
import dev.cairn.timeline.EntryKind;
import dev.cairn.timeline.PostEntry;
import dev.cairn.timeline.Timeline;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What {@code /incident update}, {@code role} and {@code page} do once accepted: each through the
 * module that owns it (timeline, incident roles, escalation), as the person who typed the command.
 * Runs inside the command job's transaction.
 */
@Component
class SlackActions {

    static final Map<String, IncidentRole> ROLES = Map.of(
            "commander", IncidentRole.COMMANDER,
            "ic", IncidentRole.COMMANDER,
            "communications", IncidentRole.COMMUNICATIONS_LEAD,
            "comms", IncidentRole.COMMUNICATIONS_LEAD,
            "communications_lead", IncidentRole.COMMUNICATIONS_LEAD,
            "scribe", IncidentRole.SCRIBE,
            "expert", IncidentRole.SUBJECT_MATTER_EXPERT);

    private final Timeline timeline;
    private final IncidentPeople people;
    private final Incidents incidents;
    private final Paging paging;
    private final EscalationPolicies policies;
    private final Teams teams;
    private final Users users;
    private final SlackStore store;

    SlackActions(
            Timeline timeline,
            IncidentPeople people,
            Incidents incidents,
            Paging paging,
            EscalationPolicies policies,
            Teams teams,
            Users users,
            SlackStore store) {
        this.timeline = timeline;
        this.people = people;
        this.incidents = incidents;
        this.paging = paging;
        this.policies = policies;
        this.teams = teams;
        this.users = users;
        this.store = store;
    }

    /** Why {@code role @person <role>} cannot be done, if it cannot. */
    static Optional<String> roleProblem(String[] words) {
        if (words.length < 3) {
            return Optional.of("Say who and which role: `/incident role @person commander|communications|scribe`.");
        }
        if (!ROLES.containsKey(words[2].toLowerCase(Locale.ROOT))) {
            return Optional.of("Unknown role `" + words[2] + "`: use commander, communications, scribe or expert.");
        }
        return Optional.empty();
    }

    /** Why a team cannot be paged, if it cannot: unknown, or without an escalation policy. */
    Optional<String> teamProblem(String name) {
        if (name.isBlank()) {
            return Optional.of("Say whom to page: `/incident page @person` or `/incident page <team>`.");
        }
        Optional<TeamView> team = team(name);
        if (team.isEmpty()) {
            return Optional.of("There is no team called " + name + " in Cairn.");
        }
        if (policyOf(team.get()).isEmpty()) {
            return Optional.of("Team " + team.get().name()
                    + " has no escalation policy to page through; page a person with `/incident page @person`.");
        }
        return Optional.empty();
    }

    String act(SlackStore.PendingCommand command, Actor actor) {
        long incidentId = command.incidentId();
        return switch (command.verb()) {
            case "update" -> {
                postUpdate(incidentId, command.argument(), actor);
                yield "Update posted to " + Incident.reference(incidentId) + ".";
            }
            case "role" -> {
                String[] parts = command.argument().split(" ", 2);
                IncidentRole role = ROLES.get(parts[1].toLowerCase(Locale.ROOT));
                UserView who = users.get(Long.parseLong(parts[0]));
                people.assignRole(incidentId, role, who.id(), actor);
                yield who.name() + " is now " + role.label().toLowerCase(Locale.ROOT) + " of "
                        + Incident.reference(incidentId) + ".";
            }
            case "page" -> page(incidentId, command.argument(), actor);
            default -> "Unknown command " + command.verb();
        };
    }

    /** A stakeholder update on the incident's timeline, as the actor. */
    void postUpdate(long incidentId, String text, Actor actor) {
        timeline.post(incidentId, new PostEntry(EntryKind.UPDATE, text, null), actor);
    }

    private String page(long incidentId, String target, Actor actor) {
        Incident incident = incidents.get(incidentId, actor);
        String title = "Needed in " + incident.reference() + ": " + incident.title();
        String details = actor.name() + " asks you to join " + incident.reference()
                + store.channelOf(incidentId)
                        .map(c -> " in Slack (<#" + c + ">)")
                        .orElse("") + ".";
        if (target.startsWith("user:")) {
            long userId = Long.parseLong(target.substring("user:".length()));
            PageView page = paging.pagePerson(userId, incidentId, title, details, actor);
            return "Paged " + users.get(userId).name() + " (page #" + page.id() + ").";
        }
        if (target.startsWith("users:")) {
            // The Cairn members of a Slack user group, each paged directly as `page @person` does;
            // one who left Cairn since the command was typed is named, not paged.
            List<String> paged = new java.util.ArrayList<>();
            List<String> gone = new java.util.ArrayList<>();
            for (String id : target.substring("users:".length()).split(",")) {
                Optional<UserView> who = users.find(Long.parseLong(id)).filter(UserView::active);
                if (who.isEmpty()) {
                    gone.add("user " + id);
                    continue;
                }
                PageView page = paging.pagePerson(who.get().id(), incidentId, title, details, actor);
                paged.add(who.get().name() + " (page #" + page.id() + ")");
            }
            return (paged.isEmpty() ? "Paged nobody" : "Paged " + String.join(", ", paged)) + "."
                    + (gone.isEmpty() ? "" : " Not paged, no longer active in Cairn: " + String.join(", ", gone) + ".");
        }
        String name = target.substring("team:".length());
        TeamView team = team(name).orElseThrow(() -> new InvalidInputException("team", "is not a team in Cairn"));
        EscalationPolicy policy = policyOf(team)
                .orElseThrow(() -> new InvalidInputException("team", team.name() + " has no escalation policy"));
        PageView page = paging.open(new OpenPage(policy.id(), null, incidentId, title, details), actor);
        return "Paged " + team.name() + " through " + policy.name() + " (page #" + page.id() + ").";
    }

    private Optional<TeamView> team(String name) {
        String wanted = name.strip().replaceFirst("^@", "");
        return teams.all().stream()
                .filter(t -> t.name().equalsIgnoreCase(wanted) || t.slug().equalsIgnoreCase(wanted))
                .findFirst();
    }

    private Optional<EscalationPolicy> policyOf(TeamView team) {
        List<EscalationPolicy> all = policies.all();
        return all.stream()
                .filter(p -> p.teamId() != null && p.teamId() == team.id())
                .findFirst();
    }
}
