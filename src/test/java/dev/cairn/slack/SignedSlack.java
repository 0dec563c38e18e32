package dev.cairn.slack;

import dev.cairn.slack.internal.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends requests to Cairn as Slack does: the raw body signed with the signing secret and a timestamp. */
final class SignedSlack {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String secret;

    SignedSlack(int port, String secret) {
        this.base = "http://localhost:" + port;
        this.secret = secret;
    }

    HttpResponse<String> event(String json, Instant at) {
        return send("/slack/events", "application/json", json, at, Map.of());
    }

    HttpResponse<String> retry(String json, Instant at, int retryNum) {
        return send(
                "/slack/events",
                "application/json",
                json,
                at,
                Map.of("X-Slack-Retry-Num", String.valueOf(retryNum), "X-Slack-Retry-Reason", "http_timeout"));
    }

    HttpResponse<String> command(Map<String, String> fields, Instant at) {
        StringBuilder form = new StringBuilder();
        new LinkedHashMap<>(fields)
                .forEach((k, v) -> form.append(form.isEmpty() ? "" : "&")
                        .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                        .append('=')
                        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send("/slack/commands", "application/x-www-form-urlencoded", form.toString(), at, Map.of());
    }

    HttpResponse<String> send(String path, String type, String body, Instant at, Map<String, String> extra) {
        String timestamp = String.valueOf(at.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("X-Slack-Request-Timestamp", timestamp);
        headers.put("X-Slack-Signature", SlackSignature.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)));
        return raw(path, type, body, headers);
    }

    HttpResponse<String> raw(String path, String type, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
