package dev.cairn.alerting.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds how many hook requests a node works on at once. A request that cannot get in within the
 * wait is refused with 503 and Retry-After, which every sender retries (Alertmanager treats a 429
 * as final and would drop the alerts). Nothing is queued in memory, so nothing can be lost here.
 */
@Component
public class IngestGate {

    /** The node is saturated; the sender should retry after {@link #retryAfterSeconds()}. */
    public static class Overloaded extends RuntimeException {
        public Overloaded() {
            super("Cairn is busy; retry shortly");
        }
    }

    private final Semaphore permits;
    private final long waitMillis;
    private final int retryAfterSeconds;
    private final Counter refusals;

    IngestGate(
            @Value("${cairn.alerting.max-concurrent-ingests:32}") int maxConcurrent,
            @Value("${cairn.alerting.ingest-wait-ms:2000}") long waitMillis,
            @Value("${cairn.alerting.retry-after-seconds:5}") int retryAfterSeconds,
            MeterRegistry meters) {
        this.permits = new Semaphore(maxConcurrent, true);
        this.waitMillis = waitMillis;
        this.retryAfterSeconds = retryAfterSeconds;
        this.refusals = Counter.builder("cairn.alerting.overload.refusals")
                .description("Hook requests answered 503 because the node was saturated (the sender retries)")
                .register(meters);
    }

    public <T> T through(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Overloaded();
        }
        if (!acquired) {
            refusals.increment();
            throw new Overloaded();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
