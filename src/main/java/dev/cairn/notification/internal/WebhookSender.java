package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import dev.cairn.shared.OutboundHttp;
import dev.cairn.shared.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outgoing webhooks: a signed JSON POST. Short timeouts, so a receiver that hangs holds one
 * delivery for seconds, never the outbox; redirects are not followed (the signature is for this
 * URL); 2xx is sent, 429/503 with Retry-After waits as asked, 408/425/5xx and network errors retry,
 * any other answer is final because retrying cannot fix a wrong URL or a refused signature.
 */
@Component
class WebhookSender implements Sender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    WebhookSender(@Value("${cairn.notifications.http-timeout:PT5S}") Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: an h2c upgrade on a POST with a body trips some receivers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public SendResult send(Outgoing message) {
        if (message.secret() == null) {
            return SendResult.fail("the webhook has no signing secret any more (was it deleted?)");
        }
        String body = payload(message);
        long timestamp = message.sentAt().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(message.target()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Cairn-Webhook/1")
                    .header("X-Cairn-Delivery", String.valueOf(message.deliveryId()))
                    .header("X-Cairn-Timestamp", String.valueOf(timestamp))
                    .header("X-Cairn-Signature", WebhookSignature.sign(message.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return SendResult.fail("the webhook URL is not usable: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout covers the answer's headers; this bounds a body that trickles in.
            return answer(call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            return SendResult.retry("no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted while sending (Cairn is stopping)");
        } catch (ExecutionException e) {
            return SendResult.retry(
                    OutboundHttp.networkReason(e.getCause(), timeout, "is the receiver running?", "could not send"));
        }
    }

    private SendResult answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendResult.sent("HTTP " + status);
        }
        String excerpt = OutboundHttp.excerpt(response.body());
        if (status == 429 || status == 503) {
            Instant now = clock.instant();
            String header = response.headers().firstValue("Retry-After").orElse(null);
            return RetryAfter.parse(header, now, Backoff.MAX_RETRY_AFTER)
                    .map(at -> SendResult.waitUntil(
                            at, "HTTP " + status + ": asked to wait " + RetryAfter.human(at, now) + excerpt))
                    .orElseGet(() -> SendResult.retry("HTTP " + status + excerpt));
        }
        if (status == 408 || status == 425 || status >= 500) {
            return SendResult.retry("HTTP " + status + excerpt);
        }
        if (status >= 300 && status < 400) {
            return SendResult.fail("HTTP " + status + ": redirects are not followed; use the final URL");
        }
        return SendResult.fail("HTTP " + status + excerpt + " (not retried: check the URL and the receiver)");
    }

    static String payload(Outgoing message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", message.kind());
        json.put("topic", message.topic());
        json.put("subject", message.subject());
        json.put("text", message.text());
        json.put("link", message.link());
        if (message.actionUrl() == null) {
            json.put("action", null);
        } else {
            Map<String, String> action = new LinkedHashMap<>();
            action.put("label", message.actionLabel());
            action.put("url", message.actionUrl());
            json.put("action", action);
        }
        json.put("deliveryId", message.deliveryId());
        json.put("sentAt", message.sentAt().toString());
        return JSON.writeValueAsString(json);
    }
}
