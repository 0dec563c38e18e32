package dev.cairn.shared;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * How a failed call to someone else's server is told to a person: in words that say what to check
 * (webhook receivers, issue trackers), and with the start of the peer's answer.
 */
public final class OutboundHttp {

    private static final int MAX_BODY_SHOWN = 200;

    private OutboundHttp() {}

    /**
     * Why no answer came: a timeout, a refused connection ({@code refusedHint} says what to check)
     * or another network error; {@code fallback} starts the sentence for anything else.
     */
    public static String networkReason(Throwable cause, Duration timeout, String refusedHint, String fallback) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toSeconds() + " s";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused (" + refusedHint + ")";
        }
        if (cause instanceof IOException io) {
            return "network error: " + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
        }
        return fallback + ": "
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName());
    }

    /** {@code ": "} and the answer's first 200 characters on one line, or nothing for an empty body. */
    public static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > MAX_BODY_SHOWN ? line.substring(0, MAX_BODY_SHOWN) + "\u2026" : line);
    }
}
