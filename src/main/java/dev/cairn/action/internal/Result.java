package dev.cairn.action.internal;

import java.time.Instant;

/** What a call to a tracker gave: a value, or a failure that may be retried (not before an instant). */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {}

    /** {@code retry}: trying again may work (429, 5xx, timeouts); {@code notBefore}: asked to wait. */
    record Failure<T>(String reason, boolean retry, Instant notBefore) implements Result<T> {

        @SuppressWarnings("unchecked")
        <U> Failure<U> cast() {
            return (Failure<U>) this;
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }
}
