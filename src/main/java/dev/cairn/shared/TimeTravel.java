package dev.cairn.shared;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs work as if it happened at another time, on this thread only: the demo-data generator and
 * importers of past conversations use it so that what they create through the normal module APIs
 * (with all their rules and events) carries the historical time. Cairn's clocks consult it.
 */
public final class TimeTravel {

    private static final ThreadLocal<Instant> NOW = new ThreadLocal<>();

    private TimeTravel() {}

    public static <T> T at(Instant instant, Supplier<T> work) {
        Instant previous = NOW.get();
        NOW.set(instant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                NOW.remove();
            } else {
                NOW.set(previous);
            }
        }
    }

    public static void at(Instant instant, Runnable work) {
        at(instant, () -> {
            work.run();
            return null;
        });
    }

    public static Optional<Instant> now() {
        return Optional.ofNullable(NOW.get());
    }
}
