package dev.cairn.notification.internal;

import java.time.Instant;

/**
 * What a channel says about one attempt. RETRY: a passing failure (timeout, refused, 5xx), tried
 * again with backoff; WAIT: the provider asked to wait (429/503 with Retry-After) until {@code
 * retryAt}; FINAL: trying again cannot help (not configured, 404, bad address).
 */
record SendResult(Kind kind, String detail, Instant retryAt) {

    enum Kind {
        SENT,
        RETRY,
        WAIT,
        FINAL
    }

    static SendResult sent(String detail) {
        return new SendResult(Kind.SENT, detail, null);
    }

    static SendResult retry(String detail) {
        return new SendResult(Kind.RETRY, detail, null);
    }

    static SendResult waitUntil(Instant at, String detail) {
        return new SendResult(Kind.WAIT, detail, at);
    }

    static SendResult fail(String detail) {
        return new SendResult(Kind.FINAL, detail, null);
    }

    /** The attempt's outcome as people read it. */
    String outcome() {
        return switch (kind) {
            case SENT -> "sent";
            case WAIT -> "rate_limited";
            case RETRY, FINAL -> "failed";
        };
    }
}
