package dev.cairn.notification;

import java.time.Instant;

/**
 * How the outbox reaches Slack: the Slack app implements it. The outbox decides when a call is made
 * (rate lanes, retries, Retry-After); the transport makes it and says how it went. Never throws.
 */
public interface SlackTransport {

    Result call(Call call);

    /**
     * One Web API call. {@code method}/{@code argsJson} when the call was planned as such; both
     * null for a notice (a page as a direct message, an audience update) sent to {@code target}, a
     * member or channel id, rendered from the notice's fields.
     */
    record Call(
            long deliveryId,
            String topic,
            String kind,
            String target,
            String method,
            String argsJson,
            String subject,
            String text,
            String link,
            String actionUrl,
            String actionLabel) {}

    /** SENT; RETRY a passing failure; WAIT until {@code retryAt} (Slack said 429); FINAL cannot succeed. */
    record Result(Status status, String detail, Instant retryAt) {

        public enum Status {
            SENT,
            RETRY,
            WAIT,
            FINAL
        }

        public static Result sent(String detail) {
            return new Result(Status.SENT, detail, null);
        }

        public static Result retry(String detail) {
            return new Result(Status.RETRY, detail, null);
        }

        public static Result waitUntil(Instant at, String detail) {
            return new Result(Status.WAIT, detail, at);
        }

        public static Result fail(String detail) {
            return new Result(Status.FINAL, detail, null);
        }
    }
}
