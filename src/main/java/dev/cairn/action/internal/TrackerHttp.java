package dev.cairn.action.internal;

import dev.cairn.shared.OutboundHttp;
import dev.cairn.shared.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the trackers: short timeouts; 2xx is read; 429 (and GitHub's 403 when its rate limit is
 * spent) waits as the tracker asks ({@code Retry-After}, {@code x-ratelimit-reset}); 408/5xx and
 * network errors are retried; 401 and other 4xx are final, because retrying cannot fix a token or a
 * repository name. No token or body is ever logged.
 */
@Component
class TrackerHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A tracker's wait is honoured up to this. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    TrackerHttp(TrackerSettings settings, Clock clock) {
        this.timeout = settings.httpTimeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    <T> Result<T> call(
            String method, String url, Map<String, String> headers, String json, Function<JsonNode, T> read) {
        Result<HttpResponse<String>> sent = send(method, url, headers, json);
        if (sent instanceof Result.Failure<HttpResponse<String>> f) {
            return f.cast();
        }
        return answer(((Result.Ok<HttpResponse<String>>) sent).value(), read);
    }

    /**
     * A GraphQL call (Linear): POSTs {@code query} with {@code variables} and reads {@code data}.
     * GraphQL answers errors in {@code errors[]}, often with HTTP 200 or 400, so they are read
     * before the status: an authentication error is final like a 401, {@code RATELIMITED} (or a
     * 429) waits as asked ({@code Retry-After}, else Linear's {@code X-RateLimit-*-Reset} in epoch
     * milliseconds), an internal error or a 5xx is retried, anything else is final.
     */
    <T> Result<T> graphql(
            String url,
            Map<String, String> headers,
            String query,
            Map<String, Object> variables,
            Function<JsonNode, T> read) {
        String json = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        Result<HttpResponse<String>> sent = send("POST", url, headers, json);
        if (sent instanceof Result.Failure<HttpResponse<String>> f) {
            return f.cast();
        }
        HttpResponse<String> response = ((Result.Ok<HttpResponse<String>>) sent).value();
        int status = response.statusCode();
        JsonNode errors = errors(response.body());
        Set<String> codes = new HashSet<>();
        String message = "";
        if (errors != null) {
            for (JsonNode error : errors) {
                JsonNode extensions = error.path("extensions");
                codes.add(extensions.path("code").asString("").toUpperCase(Locale.ROOT));
                codes.add(extensions
                        .path("type")
                        .asString("")
                        .toUpperCase(Locale.ROOT)
                        .replace(' ', '_'));
                if (message.isEmpty()) {
                    message = error.path("message").asString("");
                }
            }
        }
        Instant now = clock.instant();
        String said = OutboundHttp.excerpt(message);
        if (status == 429 || codes.contains("RATELIMITED")) {
            Instant at = waitUntilMillis(
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers()
                            .firstValue("X-RateLimit-Requests-Reset")
                            .or(() -> response.headers().firstValue("X-RateLimit-Complexity-Reset"))
                            .orElse(null),
                    now);
            String waited = at == null ? "" : ": asked to wait " + human(Duration.between(now, at));
            return new Result.Failure<>("HTTP " + status + " rate limited (RATELIMITED)" + waited, true, at);
        }
        if (status == 401 || codes.contains("AUTHENTICATION_ERROR")) {
            return new Result.Failure<>(
                    "HTTP " + status + " AUTHENTICATION_ERROR: the tracker refused the credentials" + said,
                    false,
                    null);
        }
        if (errors == null || errors.isEmpty()) {
            return answer(response, node -> read.apply(node.path("data")));
        }
        if (status >= 500 || codes.contains("INTERNAL_SERVER_ERROR") || codes.contains("INTERNAL_ERROR")) {
            return new Result.Failure<>("HTTP " + status + " GraphQL error" + said, true, null);
        }
        codes.remove("");
        String code = codes.isEmpty() ? "" : " " + String.join(",", new java.util.TreeSet<>(codes));
        return new Result.Failure<>(
                "HTTP " + status + " GraphQL error" + code + said
                        + " (not retried: check the mapping and the key's rights)",
                false,
                null);
    }

    private static JsonNode errors(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            return errors.isArray() ? errors : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Result<HttpResponse<String>> send(String method, String url, Map<String, String> headers, String json) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        } catch (IllegalArgumentException e) {
            return new Result.Failure<>("the tracker URL is not usable: " + e.getMessage(), false, null);
        }
        headers.forEach(builder::header);
        builder.header("User-Agent", "Cairn/1");
        if (json != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
        try {
            return Result.ok(call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Result.Failure<>("no answer within " + timeout.toSeconds() + " s", true, null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Result.Failure<>("interrupted (Cairn is stopping)", true, null);
        } catch (ExecutionException e) {
            return new Result.Failure<>(
                    OutboundHttp.networkReason(
                            e.getCause(), timeout, "is the tracker URL right?", "could not call the tracker"),
                    true,
                    null);
        }
    }

    private <T> Result<T> answer(HttpResponse<String> response, Function<JsonNode, T> read) {
        int status = response.statusCode();
        Instant now = clock.instant();
        if (status >= 200 && status < 300) {
            try {
                String body = response.body();
                return Result.ok(read.apply(body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body)));
            } catch (RuntimeException e) {
                return new Result.Failure<>("HTTP " + status + " with an answer Cairn cannot read", true, null);
            }
        }
        String excerpt = OutboundHttp.excerpt(response.body());
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        boolean rateLimited = status == 429
                || status == 503 && retryAfter != null
                || status == 403
                        && (retryAfter != null
                                || "0"
                                        .equals(response.headers()
                                                .firstValue("x-ratelimit-remaining")
                                                .orElse(null)));
        if (rateLimited) {
            Instant at = waitUntil(
                    retryAfter,
                    response.headers().firstValue("x-ratelimit-reset").orElse(null),
                    now);
            String waited = at == null ? "" : ": asked to wait " + human(Duration.between(now, at));
            return new Result.Failure<>("HTTP " + status + " rate limited" + waited + excerpt, true, at);
        }
        if (status == 408 || status == 425 || status >= 500) {
            return new Result.Failure<>("HTTP " + status + excerpt, true, null);
        }
        if (status == 401) {
            return new Result.Failure<>("HTTP 401: the tracker refused the credentials" + excerpt, false, null);
        }
        if (status >= 300 && status < 400) {
            return new Result.Failure<>(
                    "HTTP " + status + ": redirects are not followed; use the final URL", false, null);
        }
        return new Result.Failure<>(
                "HTTP " + status + excerpt + " (not retried: check the mapping and the token's rights)", false, null);
    }

    /** {@code Retry-After} (seconds or an HTTP date), else GitHub's {@code x-ratelimit-reset} (epoch seconds). */
    static Instant waitUntil(String retryAfter, String reset, Instant now) {
        if (retryAfter != null && !retryAfter.isBlank()) {
            return RetryAfter.parse(retryAfter, now, MAX_WAIT).orElse(null);
        }
        if (reset != null && reset.strip().matches("\\d{1,12}")) {
            Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
            Instant latest = now.plus(MAX_WAIT);
            return at.isBefore(now) ? now : at.isAfter(latest) ? latest : at;
        }
        return null;
    }

    /** {@code Retry-After}, else a reset instant in epoch milliseconds (Linear's {@code X-RateLimit-*-Reset}). */
    static Instant waitUntilMillis(String retryAfter, String resetMillis, Instant now) {
        if (retryAfter != null && !retryAfter.isBlank()) {
            return RetryAfter.parse(retryAfter, now, MAX_WAIT).orElse(null);
        }
        if (resetMillis != null && resetMillis.strip().matches("\\d{1,15}")) {
            Instant at = Instant.ofEpochMilli(Long.parseLong(resetMillis.strip()));
            Instant latest = now.plus(MAX_WAIT);
            return at.isBefore(now) ? now : at.isAfter(latest) ? latest : at;
        }
        return null;
    }

    static String human(Duration wait) {
        long seconds = Math.max(0, wait.toSeconds());
        return seconds < 180 ? seconds + " s" : (seconds / 60) + " min";
    }
}
