package dev.cairn.slack;

import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentUpdate;
import dev.cairn.incident.Incidents;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.slack.internal.SlackPeople;
import dev.cairn.slack.internal.SlackStore;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The {@code /incident} slash command. Each answer is a short ephemeral text, given within the
 * request (Slack waits three seconds); changes act through the incident module as the Cairn user
 * matched to the Slack member, with that user's permissions.
 */
@Service
public class SlackCommands {

    static final String HELP = "*/incident* commands in an incident channel:\n"
            + "• `status` — the incident's status, severity and commander\n"
            + "• `resolve` — mark the incident resolved\n"
            + "• `severity SEV2` — change the severity\n"
            + "• `help` — this list";

    /** What Slack sent: the command's text, who typed it and where. */
    public record Invocation(String text, String userId, String channelId) {}

    private final SlackStore store;
    private final SlackPeople people;
    private final Incidents incidents;
    private final Notifications links;

    SlackCommands(SlackStore store, SlackPeople people, Incidents incidents, Notifications links) {
        this.store = store;
        this.people = people;
        this.incidents = incidents;
        this.links = links;
    }

    /** The ephemeral answer to the command. */
    public String run(Invocation invocation) {
        String[] words = invocation.text() == null
                ? new String[0]
                : invocation.text().strip().split("\\s+");
        String verb = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
        if (verb.isEmpty() || verb.equals("help")) {
            return HELP;
        }
        Optional<Long> incidentId = store.incidentOf(invocation.channelId());
        if (incidentId.isEmpty()) {
            return "This channel is not an incident channel. Run `/incident " + verb
                    + "` in the channel of an incident.";
        }
        SlackPeople.Author author = people.author(invocation.userId());
        if (author.user().isEmpty()) {
            return "Cairn does not know your Slack account yet: link your Slack account by entering your Slack member id"
                    + " (" + invocation.userId()
                    + ") on your Cairn account page, or use the same e-mail address in both.";
        }
        UserView user = author.user().get();
        Actor actor = new Actor(user.id(), user.email(), user.name(), user.role(), null);
        try {
            return switch (verb) {
                case "status" -> status(incidents.get(incidentId.get(), actor));
                case "resolve" ->
                    "Resolved. " + status(incidents.changeStatus(incidentId.get(), IncidentStatus.RESOLVED, actor));
                case "severity" -> {
                    if (words.length < 2) {
                        yield "Say which severity, e.g. `/incident severity SEV2`.";
                    }
                    yield "Severity changed. "
                            + status(incidents.update(incidentId.get(), IncidentUpdate.severity(words[1]), actor));
                }
                default -> "Unknown command `" + verb + "`.\n" + HELP;
            };
        } catch (InvalidInputException | ConflictException | ForbiddenException | NotFoundException e) {
            return "Cannot do that: " + e.getMessage();
        }
    }

    private String status(Incident incident) {
        String commander = incident.holder(IncidentRole.COMMANDER)
                .map(Incident.RoleHolder::name)
                .orElse("nobody yet");
        return "*" + incident.reference() + " " + incident.title() + "* — "
                + incident.status().label() + ", " + incident.severity() + ", commander: " + commander + "\n"
                + links.absolute("/incidents/" + incident.id());
    }
}
