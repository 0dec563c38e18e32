package dev.cairn.slack;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Severities;
import dev.cairn.incident.Severity;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.slack.internal.SlackApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /incident declare}: a modal (title, severity, services, type, private) opened within the
 * command's request, and its submission. Declaring is one short transaction answered within
 * Slack's three seconds; everything that talks to Slack afterwards (the channel, invitations, the
 * card, the checklist) goes through the outbox.
 */
@Service
public class SlackDeclare {

    public static final String CALLBACK = "cairn_declare";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_SERVICE_OPTIONS = 100;

    private final SlackApi api;
    private final Severities severities;
    private final Services services;
    private final Incidents incidents;
    private final SlackSettings settings;

    SlackDeclare(SlackApi api, Severities severities, Services services, Incidents incidents, SlackSettings settings) {
        this.api = api;
        this.severities = severities;
        this.services = services;
        this.incidents = incidents;
        this.settings = settings;
    }

    /** Opens the modal; answers what to tell the user when it could not be opened. */
    Optional<String> open(String triggerId, String title) {
        if (triggerId == null || triggerId.isBlank()) {
            return Optional.of("Slack sent no trigger to open the form; try again.");
        }
        return api.openView(triggerId, JSON.writeValueAsString(modal(title)))
                .map(error -> "Could not open the form (" + error + "). Declare in Cairn instead.");
    }

    Map<String, Object> modal(String title) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        Map<String, Object> titleInput = new LinkedHashMap<>();
        titleInput.put("type", "plain_text_input");
        titleInput.put("action_id", "value");
        titleInput.put("max_length", 200);
        titleInput.put("placeholder", plain("What is broken, for whom?"));
        if (title != null && !title.isBlank()) {
            titleInput.put(
                    "initial_value",
                    title.strip().substring(0, Math.min(200, title.strip().length())));
        }
        blocks.add(input("title", "Title", titleInput, false));
        List<Map<String, Object>> levels = severities.all().stream()
                .map(s -> option(s.code() + " — " + s.name(), s.code()))
                .toList();
        blocks.add(input(
                "severity",
                "Severity",
                Map.of("type", "static_select", "action_id", "value", "options", levels),
                false));
        List<ServiceView> known = services.all();
        if (!known.isEmpty()) {
            List<Map<String, Object>> options = known.stream()
                    .limit(MAX_SERVICE_OPTIONS)
                    .map(s -> option(s.name(), String.valueOf(s.id())))
                    .toList();
            blocks.add(input(
                    "services",
                    "Affected services",
                    Map.of("type", "multi_static_select", "action_id", "value", "options", options),
                    true));
        }
        Map<String, Object> real = option("Real incident", "default");
        blocks.add(input(
                "type",
                "Type",
                Map.of(
                        "type",
                        "radio_buttons",
                        "action_id",
                        "value",
                        "options",
                        List.of(real, option("Drill (kept out of statistics)", "drill")),
                        "initial_option",
                        real),
                false));
        blocks.add(input(
                "private",
                "Visibility",
                Map.of(
                        "type",
                        "checkboxes",
                        "action_id",
                        "value",
                        "options",
                        List.of(option(
                                "Private: only members and admins see it, and its channel is private", "private"))),
                true));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", "modal");
        view.put("callback_id", CALLBACK);
        view.put("title", plain("Declare an incident"));
        view.put("submit", plain("Declare"));
        view.put("close", plain("Cancel"));
        view.put("blocks", blocks);
        return view;
    }

    /**
     * The submitted form: declares as {@code user}, or answers Slack's {@code errors} naming the
     * field. The answer replaces the modal with what happens next.
     */
    Map<String, Object> submit(JsonNode view, UserView user) {
        JsonNode values = view.path("state").path("values");
        String title = values.path("title").path("value").path("value").asString("");
        String severity = values.path("severity")
                .path("value")
                .path("selected_option")
                .path("value")
                .asString("");
        List<Long> serviceIds = new ArrayList<>();
        for (JsonNode option : values.path("services").path("value").path("selected_options")) {
            String id = option.path("value").asString("");
            if (!id.matches("\\d{1,18}")) {
                return errors("services", "Choose services from the list");
            }
            serviceIds.add(Long.parseLong(id));
        }
        String type = values.path("type")
                .path("value")
                .path("selected_option")
                .path("value")
                .asString("default");
        boolean isPrivate = false;
        for (JsonNode option : values.path("private").path("value").path("selected_options")) {
            isPrivate |= "private".equals(option.path("value").asString(""));
        }
        if (isPrivate && "drill".equals(type)) {
            return errors("type", "A drill cannot be private: choose a real incident, or untick private");
        }
        if (severity.isBlank()) {
            return errors("severity", "Choose a severity");
        }
        if (severities.all().stream().map(Severity::code).noneMatch(severity::equals)) {
            return errors("severity", "Choose one of the severities offered");
        }
        Actor actor = new Actor(user.id(), user.email(), user.name(), user.role(), null);
        if (!actor.canWrite()) {
            return errors("title", "Your Cairn role (" + user.role().json() + ") cannot declare incidents");
        }
        Incident incident;
        try {
            incident = incidents.declare(
                    new DeclareIncident(
                            title,
                            null,
                            severity,
                            isPrivate ? IncidentType.PRIVATE : IncidentType.parse(type),
                            serviceIds,
                            null,
                            null),
                    actor);
        } catch (InvalidInputException e) {
            String field = e.field().startsWith("serviceIds")
                    ? "services"
                    : List.of("title", "severity", "type").contains(e.field()) ? e.field() : "title";
            return errors(field, "The " + field + " " + e.getMessage());
        }
        String next = settings.channelPerIncident()
                ? "Cairn is creating its channel and will invite you, the owners of the affected services and who is"
                        + " on call for them."
                : "Link a channel to it from the incident's room, or work there.";
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", "modal");
        done.put("title", plain("Incident declared"));
        done.put("close", plain("Close"));
        done.put(
                "blocks",
                List.of(Map.of(
                        "type",
                        "section",
                        "text",
                        Map.of(
                                "type",
                                "mrkdwn",
                                "text",
                                "*" + incident.reference() + "* is declared (" + incident.severity() + "). " + next))));
        return Map.of("response_action", "update", "view", done);
    }

    static Map<String, Object> errors(String block, String message) {
        return Map.of("response_action", "errors", "errors", Map.of(block, message));
    }

    private static Map<String, Object> input(
            String block, String label, Map<String, Object> element, boolean optional) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "input");
        input.put("block_id", block);
        input.put("label", plain(label));
        input.put("element", element);
        input.put("optional", optional);
        return input;
    }

    private static Map<String, Object> option(String text, String value) {
        return Map.of("text", plain(text.length() > 75 ? text.substring(0, 74) + "…" : text), "value", value);
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text);
    }
}
