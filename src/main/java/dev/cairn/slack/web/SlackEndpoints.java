package dev.cairn.slack.web;

import dev.cairn.slack.SlackCommands;
import dev.cairn.slack.SlackEvents;
import dev.cairn.slack.SlackInteractions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Slack's request URLs; the signature filter has already verified every request that gets here. */
@RestController
class SlackEndpoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackEvents events;
    private final SlackCommands commands;
    private final SlackInteractions interactions;

    SlackEndpoints(SlackEvents events, SlackCommands commands, SlackInteractions interactions) {
        this.events = events;
        this.commands = commands;
        this.interactions = interactions;
    }

    @PostMapping(value = "/slack/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> events(@RequestAttribute(SlackSignatureFilter.BODY) byte[] body) {
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body is not JSON"));
        }
        return switch (payload.path("type").asString("")) {
            case "url_verification" ->
                ResponseEntity.ok(Map.of("challenge", payload.path("challenge").asString("")));
            case "event_callback" -> {
                try {
                    events.handle(payload);
                    yield ResponseEntity.ok(Map.of());
                } catch (TransientDataAccessException e) {
                    // Two deliveries of one event at once on a database that refuses rather than
                    // waits (H2): Slack retries a 503, and the retry finds the event handled.
                    yield ResponseEntity.status(503).header("Retry-After", "1").body(Map.of("error", "busy, retry"));
                }
            }
            default -> ResponseEntity.ok(Map.of());
        };
    }

    @PostMapping(value = "/slack/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> commands(@RequestAttribute(SlackSignatureFilter.BODY) byte[] body) {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String text = commands.run(new SlackCommands.Invocation(
                form.getOrDefault("text", ""),
                form.getOrDefault("user_id", ""),
                form.getOrDefault("channel_id", ""),
                form.get("response_url"),
                form.get("trigger_id")));
        if (text.isEmpty()) {
            // A modal opened: Slack wants an empty 200, no message.
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.ok(Map.of("response_type", "ephemeral", "text", text));
    }

    /** Buttons pressed in Slack: the payload is a form field holding JSON. */
    @PostMapping(value = "/slack/interactions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> interactions(@RequestAttribute(SlackSignatureFilter.BODY) byte[] body) {
        JsonNode payload;
        try {
            payload =
                    JSON.readTree(form(new String(body, StandardCharsets.UTF_8)).getOrDefault("payload", ""));
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().build();
        }
        return interactions
                .handle(payload)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.ok().build());
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.putIfAbsent(
                    decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return fields;
    }

    /** A malformed escape (never from Slack, whose bodies are signed) is kept as written. */
    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
