package dev.cairn.notification.internal;

import java.time.Duration;

/**
 * When to try again after a failed attempt: 15 s, 30 s, 1 min, 2 min, 4 min, 8 min, then every 10
 * min; after {@link #MAX_ATTEMPTS} attempts (about 25 minutes) the delivery is failed, visibly.
 */
public final class Backoff {

    public static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST = Duration.ofSeconds(15);
    static final Duration CAP = Duration.ofMinutes(10);
    /** A provider's Retry-After is honoured up to this; longer would make a page useless anyway. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private Backoff() {}

    /** The wait after the {@code attempts}-th failed attempt (1-based). */
    public static Duration after(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - 1, 10);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(CAP) > 0 ? CAP : wait;
    }

    public static boolean exhausted(int attempts) {
        return attempts >= MAX_ATTEMPTS;
    }
}
