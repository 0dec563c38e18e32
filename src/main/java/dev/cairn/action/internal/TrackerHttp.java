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
import java.util.Map;
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
        HttpResponse<String> response;
        try {
            response = call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
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
        return answer(response, read);
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

    static String human(Duration wait) {
        long seconds = Math.max(0, wait.toSeconds());
        return seconds < 180 ? seconds + " s" : (seconds / 60) + " min";
    }
}
