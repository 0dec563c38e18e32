package dev.cairn.slack.internal;

import dev.cairn.notification.SlackTransport;
import dev.cairn.slack.SlackSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the outbox's Slack calls: one form-encoded Web API request with the bot token, and Slack's
 * answer read as the outbox needs it (429 and {@code ratelimited} wait for Retry-After, Slack's own
 * failures are retried, everything else is final with Slack's error). A successful call is handed
 * to {@link SlackFollowUps} (a created channel is linked, a posted card is pinned).
 */
@Component
public class SlackCalls implements SlackTransport {

    private static final Logger log = LoggerFactory.getLogger(SlackCalls.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> PASSING =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_TEXT = 3900;

    private final SlackSettings settings;
    private final SlackFollowUps followUps;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    SlackCalls(SlackSettings settings, SlackFollowUps followUps, Clock clock) {
        this.settings = settings;
        this.followUps = followUps;
        this.clock = clock;
    }

    @Override
    public Result call(Call call) {
        if (!settings.configured()) {
            return Result.fail("Slack is not configured (CAIRN_SLACK_SIGNING_SECRET, CAIRN_SLACK_BOT_TOKEN)");
        }
        String method = call.method() == null ? "chat.postMessage" : call.method();
        Map<String, Object> args = call.method() == null ? notice(call) : args(call.argsJson());
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(settings.apiUrl() + method))
                            .timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + settings.botToken())
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(form(args)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Result.retry("Slack unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.retry("interrupted while calling Slack (Cairn is stopping)");
        }
        Instant now = clock.instant();
        int status = response.statusCode();
        if (status == 429) {
            Instant at = retryAt(response, now);
            return Result.waitUntil(at, "Slack " + method + ": HTTP 429, asked to wait until " + at);
        }
        if (status >= 500 || status == 408) {
            return Result.retry("Slack " + method + ": HTTP " + status);
        }
        if (status != 200) {
            return Result.fail("Slack " + method + ": HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return Result.retry("Slack " + method + ": the answer is not JSON");
        }
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asString("unknown_error");
            if (error.equals("ratelimited")) {
                Instant at = retryAt(response, now);
                return Result.waitUntil(at, "Slack " + method + ": ratelimited, asked to wait until " + at);
            }
            if (PASSING.contains(error)) {
                return Result.retry("Slack " + method + ": " + error);
            }
            String done;
            try {
                done = followUps.refused(call, method, args, error).orElse("");
            } catch (RuntimeException e) {
                log.warn(
                        "slack follow-up failed delivery={} method={} error={}",
                        call.deliveryId(),
                        method,
                        e.toString());
                done = "";
            }
            return Result.fail("Slack " + method + ": " + error + done);
        }
        try {
            followUps.after(call, method, args, answer);
        } catch (RuntimeException e) {
            // The call itself is done in Slack; repeating it would post twice.
            log.warn("slack follow-up failed delivery={} method={} error={}", call.deliveryId(), method, e.toString());
        }
        String ts = answer.path("ts").asString("");
        return Result.sent("Slack " + method + ": ok" + (ts.isEmpty() ? "" : " ts=" + ts));
    }

    private static Instant retryAt(HttpResponse<String> response, Instant now) {
        long seconds = response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,5}"))
                .map(v -> Long.parseLong(v.strip()))
                .orElse(30L);
        return now.plusSeconds(Math.max(1, seconds));
    }

    /** A notice (a page, an audience update) as a Slack message, with its action as a button. */
    private static Map<String, Object> notice(Call call) {
        StringBuilder text =
                new StringBuilder("*").append(escape(call.subject())).append("*");
        if (call.text() != null && !call.text().isBlank()) {
            text.append('\n').append(escape(call.text()));
        }
        if (call.link() != null) {
            text.append("\n<").append(call.link()).append("|Open in Cairn>");
        }
        String shown = clip(text.toString());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", call.target());
        args.put("text", shown);
        args.put("unfurl_links", false);
        List<Map<String, Object>> blocks = new java.util.ArrayList<>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", shown)));
        List<Map<String, Object>> buttons = SlackBlocks.pageButtons(call);
        if (!buttons.isEmpty()) {
            blocks.add(Map.of("type", "actions", "elements", buttons));
        }
        args.put("blocks", blocks);
        return args;
    }

    private static Map<String, Object> args(String json) {
        Map<String, Object> args = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> args.put(e.getKey(), e.getValue()));
        return args;
    }

    static String form(Map<String, Object> args) {
        StringBuilder form = new StringBuilder();
        args.forEach((key, value) -> {
            String text;
            if (value instanceof JsonNode node) {
                text = node.isValueNode() ? node.asString() : JSON.writeValueAsString(node);
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                text = JSON.writeValueAsString(value);
            } else {
                text = String.valueOf(value);
            }
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    /** Slack reads &, < and > as markup. */
    public static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
