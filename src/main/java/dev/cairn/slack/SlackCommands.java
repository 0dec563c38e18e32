package dev.cairn.slack;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
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
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.slack.internal.SlackPeople;
import dev.cairn.slack.internal.SlackStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /incident} slash command. Each answer is a short ephemeral text, given within the
 * request (Slack waits three seconds); changes act through the incident module as the Cairn user
 * matched to the Slack member, with that user's permissions.
 */
@Service
public class SlackCommands {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String HELP = "*/incident* commands:\n"
            + "• `declare [title]` — declare an incident (anywhere): a form, then its own channel\n"
            + "In an incident channel:\n"
            + "• `status` — the incident's status, severity and commander\n"
            + "• `update <text>` — post a stakeholder update to the timeline\n"
            + "• `role @person commander|communications|scribe` — give someone a role\n"
            + "• `page @person` or `page <team>` — page a person, or through the team's escalation policy\n"
            + "• `severity SEV2` — change the severity\n"
            + "• `resolve` — mark the incident resolved\n"
            + "• `help` — this list";

    private static final java.util.regex.Pattern MENTION =
            java.util.regex.Pattern.compile("<@([A-Z0-9]{2,40})(?:\\|[^>]*)?>");
    private static final java.util.Set<String> IN_CHANNEL =
            java.util.Set.of("status", "resolve", "severity", "update", "role", "page");

    public static final String COMMAND_TASK = "slack-command";

    /** What Slack sent: the command's text, who typed it, where, and where to send a later answer. */
    public record Invocation(String text, String userId, String channelId, String responseUrl, String triggerId) {}

    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SlackStore store;
    private final SlackPeople people;
    private final Incidents incidents;
    private final Users users;
    private final Notifications links;
    private final SlackSettings settings;
    private final Jobs jobs;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SlackDeclare declare;
    private final SlackActions actions;

    SlackCommands(
            SlackStore store,
            SlackPeople people,
            Incidents incidents,
            Users users,
            Notifications links,
            SlackSettings settings,
            Jobs jobs,
            TransactionTemplate tx,
            Clock clock,
            SlackDeclare declare,
            SlackActions actions) {
        this.declare = declare;
        this.actions = actions;
        this.store = store;
        this.people = people;
        this.incidents = incidents;
        this.users = users;
        this.links = links;
        this.settings = settings;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The ephemeral answer to the command, given at once. Reading ({@code status}) is answered in
     * full; changes are accepted here and done by a durable job, which sends the outcome to Slack's
     * response URL.
     */
    public String run(Invocation invocation) {
        String[] words = invocation.text() == null
                ? new String[0]
                : invocation.text().strip().split("\\s+");
        String verb = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
        if (verb.isEmpty() || verb.equals("help")) {
            return HELP;
        }
        if (verb.equals("declare")) {
            return declare(invocation);
        }
        if (!IN_CHANNEL.contains(verb)) {
            return "Unknown command `" + verb + "`.\n" + HELP;
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
        Actor actor = actor(user);
        if (!verb.equals("status") && !actor.canWrite()) {
            return "Your Cairn role (" + user.role().json() + ") can read incidents but not change them.";
        }
        try {
            Incident incident = incidents.get(incidentId.get(), actor);
            return switch (verb) {
                case "status" -> status(incident);
                case "resolve" -> {
                    later(incident.id(), user.id(), verb, null, invocation.responseUrl());
                    yield "Resolving " + incident.reference() + "…";
                }
                case "update" -> {
                    String text = people.readable(rest(invocation.text()));
                    if (text.isEmpty()) {
                        yield "Say what to tell stakeholders, e.g. `/incident update Checkout is back for most users`.";
                    }
                    if (text.length() > dev.cairn.timeline.PostEntry.MAX_BODY) {
                        yield "The update is too long (at most " + dev.cairn.timeline.PostEntry.MAX_BODY
                                + " characters).";
                    }
                    later(incident.id(), user.id(), verb, text, invocation.responseUrl());
                    yield "Posting the update to " + incident.reference() + "…";
                }
                case "role" -> {
                    Optional<String> problem = SlackActions.roleProblem(words);
                    if (problem.isPresent()) {
                        yield problem.get();
                    }
                    Optional<UserView> who = mentioned(words[1]);
                    if (who.isEmpty()) {
                        yield "Cairn does not know " + words[1] + " yet: they need their Slack member id on their Cairn"
                                + " account, or the same e-mail in both.";
                    }
                    later(incident.id(), user.id(), verb, who.get().id() + " " + words[2], invocation.responseUrl());
                    yield "Giving " + who.get().name() + " the role " + words[2].toLowerCase(Locale.ROOT) + "…";
                }
                case "page" -> {
                    if (words.length < 2) {
                        yield "Say whom to page: `/incident page @person` or `/incident page <team>`.";
                    }
                    if (MENTION.matcher(words[1]).matches()) {
                        Optional<UserView> who = mentioned(words[1]);
                        if (who.isEmpty()) {
                            yield "Cairn does not know " + words[1] + ", so it cannot page them.";
                        }
                        later(
                                incident.id(),
                                user.id(),
                                verb,
                                "user:" + who.get().id(),
                                invocation.responseUrl());
                        yield "Paging " + who.get().name() + "…";
                    }
                    String team = rest(invocation.text());
                    Optional<String> problem = actions.teamProblem(team);
                    if (problem.isPresent()) {
                        yield problem.get();
                    }
                    later(incident.id(), user.id(), verb, "team:" + team, invocation.responseUrl());
                    yield "Paging " + team + " through its escalation policy…";
                }
                default -> {
                    if (words.length < 2) {
                        yield "Say which severity, e.g. `/incident severity SEV2`.";
                    }
                    later(incident.id(), user.id(), verb, words[1], invocation.responseUrl());
                    yield "Changing the severity of " + incident.reference() + " to "
                            + words[1].toUpperCase(Locale.ROOT) + "…";
                }
            };
        } catch (NotFoundException e) {
            return "Cannot do that: " + e.getMessage();
        }
    }

    private String declare(Invocation invocation) {
        SlackPeople.Author author = people.author(invocation.userId());
        if (author.user().isEmpty()) {
            return "Cairn does not know your Slack account yet: link your Slack account by entering your Slack member id"
                    + " (" + invocation.userId()
                    + ") on your Cairn account page, or use the same e-mail address in both.";
        }
        if (!actor(author.user().get()).canWrite()) {
            return "Your Cairn role (" + author.user().get().role().json() + ") cannot declare incidents.";
        }
        return declare.open(invocation.triggerId(), rest(invocation.text())).orElse("");
    }

    /** The command's text after its verb. */
    private static String rest(String text) {
        String t = text == null ? "" : text.strip();
        int space = t.indexOf(' ');
        return space < 0 ? "" : t.substring(space + 1).strip();
    }

    private Optional<UserView> mentioned(String word) {
        java.util.regex.Matcher m = MENTION.matcher(word);
        return m.matches() ? people.author(m.group(1)).user().filter(UserView::active) : Optional.empty();
    }

    private void later(long incidentId, long userId, String verb, String argument, String responseUrl) {
        tx.executeWithoutResult(status -> {
            long id = store.addCommand(
                    incidentId,
                    userId,
                    verb,
                    argument == null ? null : argument.substring(0, Math.min(argument.length(), 4000)),
                    responseUrl,
                    clock.instant());
            jobs.schedule(new TaskInstance<Void>(COMMAND_TASK, String.valueOf(id)), clock.instant());
        });
    }

    /**
     * Does an accepted command once: the change and the command's done mark commit together, so a
     * revived job does nothing twice; a refusal (no permission, a status that cannot follow) is
     * the outcome too. The outcome goes back to Slack after commit.
     */
    public void perform(long commandId) {
        AtomicReference<SlackStore.PendingCommand> seen = new AtomicReference<>();
        String outcome;
        try {
            outcome = tx.execute(status -> store.lockPendingCommand(commandId)
                    .map(command -> {
                        seen.set(command);
                        String done = act(command);
                        store.commandDone(commandId, done, clock.instant());
                        return done;
                    })
                    .orElse(null));
        } catch (InvalidInputException | ConflictException | ForbiddenException | NotFoundException e) {
            String refused = "Cannot do that: " + e.getMessage();
            outcome = tx.execute(status -> store.lockPendingCommand(commandId)
                    .map(command -> {
                        seen.set(command);
                        store.commandDone(commandId, refused, clock.instant());
                        return refused;
                    })
                    .orElse(null));
        }
        if (outcome != null && seen.get() != null) {
            respond(seen.get().responseUrl(), outcome);
        }
    }

    private String act(SlackStore.PendingCommand command) {
        Actor actor = actor(users.get(command.userId()));
        return switch (command.verb()) {
            case "resolve" ->
                "Resolved. " + status(incidents.changeStatus(command.incidentId(), IncidentStatus.RESOLVED, actor));
            case "severity" ->
                "Severity changed. "
                        + status(incidents.update(
                                command.incidentId(), IncidentUpdate.severity(command.argument()), actor));
            case "update", "role", "page" -> actions.act(command, actor);
            default -> "Unknown command " + command.verb();
        };
    }

    /** Slack's response URL only: Cairn never posts to an address a request names otherwise. */
    private void respond(String responseUrl, String text) {
        if (responseUrl == null
                || !(responseUrl.startsWith("https://hooks.slack.com/")
                        || responseUrl.startsWith(origin(settings.apiUrl())))) {
            return;
        }
        try {
            String json = JSON.writeValueAsString(java.util.Map.of("response_type", "ephemeral", "text", text));
            HttpResponse<Void> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(responseUrl))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() >= 300) {
                log.warn("slack response_url refused status={}", answer.statusCode());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("slack response_url failed error={}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/";
    }

    private static Actor actor(UserView user) {
        return new Actor(user.id(), user.email(), user.name(), user.role(), null);
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
