package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import dev.cairn.notification.internal.ContactStore.MethodRow;
import dev.cairn.notification.internal.DeliveryStore.DeliveryRow;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one delivery when its db-scheduler execution runs, and says when (if ever) to run again.
 *
 * <p>Claim, send, record: the claim is a compare-and-set on the delivery's version committed before
 * anything leaves Cairn, and the result is recorded with the claimed version. So a delivery
 * recorded as sent is never sent again, even when db-scheduler revives the execution on another
 * node; two nodes never send it at once; and a node that dies between claim and record leaves a
 * claim that another node takes over once it is stale, recording the lost try as an attempt (the
 * receiver may then get it twice: at least once, never silently zero).
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Longer than any send can take (SMTP: connect + read + write timeouts), so a claim this old is dead. */
    static final Duration STALE_CLAIM = Duration.ofSeconds(30);

    private static final String INTERRUPTED = "interrupted: the node sending it stopped before recording the"
            + " result; sending again (the receiver may get it twice)";

    private final DeliveryStore deliveries;
    private final ContactStore contacts;
    private final LaneStore lanes;
    private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectProvider<MeterRegistry> meters;
    private final Map<Channel, java.util.concurrent.Semaphore> sending = new EnumMap<>(Channel.class);

    DeliveryWorker(
            DeliveryStore deliveries,
            ContactStore contacts,
            LaneStore lanes,
            List<Sender> senders,
            PlatformTransactionManager transactions,
            Clock clock,
            ObjectProvider<MeterRegistry> meters,
            @org.springframework.beans.factory.annotation.Value("${cairn.notifications.max-concurrent-sends:8}")
                    int maxSends) {
        // At most maxSends sends at once per channel and node; a delivery that finds its channel
        // busy steps back for half a second instead of holding a job thread, so a slow or hanging
        // provider delays only its own messages and never the escalation steps (seen with a mail
        // server taking 2 s per message in bench/page-latency.sh: step 1 fired 2.5 s late).
        for (Channel channel : Channel.values()) {
            sending.put(channel, new java.util.concurrent.Semaphore(Math.max(1, maxSends)));
        }
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.lanes = lanes;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.meters = meters;
    }

    /** Works on delivery {@code id}; returns when to look at it again, or empty when it is done. */
    public Optional<Instant> run(long id, String node) {
        Instant now = clock.instant();
        DeliveryRow d = deliveries.find(id).orElse(null);
        if (d == null || d.status().isFinal()) {
            return Optional.empty();
        }
        if (d.status() == DeliveryStatus.PENDING && d.dueAt().isAfter(now)) {
            // A retry recorded by a node that died before it could move the execution.
            return Optional.of(d.dueAt());
        }
        if (d.status() == DeliveryStatus.SENDING
                && d.claimedAt() != null
                && d.claimedAt().plus(STALE_CLAIM).isAfter(now)) {
            // Another node is sending it now: look again once that claim would be stale.
            return Optional.of(d.claimedAt().plus(STALE_CLAIM));
        }
        MethodRow method = d.contactMethodId() == null
                ? null
                : contacts.method(d.contactMethodId()).orElse(null);
        if (d.status() == DeliveryStatus.PENDING
                && method != null
                && method.pausedUntil() != null
                && method.pausedUntil().isAfter(now)) {
            String note = "waiting: " + d.channel().display(d.target()) + " asked Cairn to wait until "
                    + method.pausedUntil();
            return deliveries.postpone(id, d.version(), method.pausedUntil(), note)
                    ? Optional.of(method.pausedUntil())
                    : Optional.of(now);
        }
        java.util.concurrent.Semaphore gate = sending.get(d.channel());
        if (!gate.tryAcquire()) {
            return Optional.of(now.plusMillis(500));
        }
        try {
            if (d.lane() != null && d.status() == DeliveryStatus.PENDING) {
                Optional<Instant> wait = laneWait(d, now);
                if (wait.isPresent()) {
                    return Optional.of(wait.get());
                }
            }
            return claimAndSend(id, d, method, node, now);
        } finally {
            gate.release();
        }
    }

    /**
     * A Slack call waits for its rate lane: behind earlier posts to the same channel (so they keep
     * their order), then for the lane's next free slot. The wait is written on the delivery, so
     * people see why a Slack post is late.
     */
    private Optional<Instant> laneWait(DeliveryRow d, Instant now) {
        Optional<Instant> earlier = ordered(d) ? lanes.earlierOpen(d.lane(), d.id()) : Optional.empty();
        String why;
        Instant until;
        if (earlier.isPresent()) {
            until = later(earlier.get(), now).plusMillis(d.paceMillis());
            why = "waiting: earlier Slack messages to this channel go first";
        } else {
            Optional<Instant> slot = lanes.take(d.lane(), d.paceMillis(), now);
            if (slot.isEmpty()) {
                return Optional.empty();
            }
            until = slot.get();
            why = "waiting: Slack's rate limit (" + d.lane() + ") allows the next call at " + until;
        }
        deliveries.postpone(d.id(), d.version(), until, why);
        return Optional.of(until);
    }

    private static boolean ordered(DeliveryRow d) {
        return d.lane().startsWith(SlackLanes.CHAT);
    }

    private Optional<Instant> claimAndSend(long id, DeliveryRow d, MethodRow method, String node, Instant now) {
        boolean interrupted = d.status() == DeliveryStatus.SENDING;
        Optional<Long> claimed = tx.execute(status -> {
            Optional<Long> version = deliveries.claim(id, d.version(), node, now);
            if (version.isPresent() && interrupted) {
                deliveries.insertAttempt(id, d.claimedAt() == null ? now : d.claimedAt(), "failed", INTERRUPTED, 0);
                deliveries.countInterrupted(id);
            }
            return version;
        });
        if (claimed == null || claimed.isEmpty()) {
            // Cancelled or recorded meanwhile: read it again rather than guess.
            return Optional.of(now);
        }
        return send(d, method, claimed.get(), d.attemptCount() + (interrupted ? 1 : 0), now);
    }

    private Optional<Instant> send(DeliveryRow d, MethodRow method, long claimedVersion, int earlier, Instant at) {
        Outgoing message = new Outgoing(
                d.id(),
                d.kind(),
                d.topic(),
                d.channel(),
                d.target(),
                method != null ? method.secret() : d.secret(),
                d.subject(),
                d.body(),
                d.link(),
                d.actionUrl(),
                d.actionLabel(),
                at,
                d.userId() != 0,
                d.request());
        long started = System.nanoTime();
        SendResult result = attempt(message);
        long millis = (System.nanoTime() - started) / 1_000_000;
        int attempts = earlier + 1;
        Instant done = clock.instant();

        DeliveryStatus status;
        Instant due = d.dueAt();
        Instant sentAt = null;
        String error = result.detail();
        switch (result.kind()) {
            case SENT -> {
                status = DeliveryStatus.SENT;
                sentAt = at;
                error = null;
            }
            case FINAL -> status = DeliveryStatus.FAILED;
            default -> {
                if (Backoff.exhausted(attempts)) {
                    status = DeliveryStatus.FAILED;
                    error = result.detail() + " (gave up after " + attempts + " attempts)";
                } else {
                    status = DeliveryStatus.PENDING;
                    due = result.kind() == SendResult.Kind.WAIT
                            ? later(result.retryAt(), done.plusSeconds(1))
                            : done.plus(Backoff.after(attempts));
                }
            }
        }
        Instant next = due;
        DeliveryStatus outcome = status;
        String lastError = error;
        Instant sent = sentAt;
        Boolean recorded = tx.execute(s -> {
            deliveries.insertAttempt(d.id(), at, result.outcome(), result.detail(), millis);
            if (result.kind() == SendResult.Kind.WAIT && method != null) {
                contacts.pauseUntil(method.id(), result.retryAt());
            }
            if (result.kind() == SendResult.Kind.WAIT && d.lane() != null) {
                lanes.holdUntil(d.lane(), result.retryAt());
            }
            return deliveries.finish(d.id(), claimedVersion, outcome, next, sent, lastError);
        });
        log.info(
                "event=notification_attempt delivery={} channel={} outcome={} attempt={} duration_ms={} status={}",
                d.id(),
                d.channel().json(),
                result.outcome(),
                attempts,
                millis,
                outcome.shown());
        meters.ifAvailable(m -> m.counter(
                        "cairn.notifications.attempts", "channel", d.channel().json(), "outcome", result.outcome())
                .increment());
        if (!Boolean.TRUE.equals(recorded)) {
            log.warn("event=notification_claim_lost delivery={}", d.id());
            return Optional.empty();
        }
        return outcome == DeliveryStatus.PENDING ? Optional.of(next) : Optional.empty();
    }

    private SendResult attempt(Outgoing message) {
        Sender sender = senders.get(message.channel());
        if (sender == null) {
            return SendResult.fail("Cairn cannot send " + message.channel().label() + " messages yet");
        }
        try {
            return sender.send(message);
        } catch (RuntimeException e) {
            log.warn(
                    "event=notification_sender_error delivery={} type={}",
                    message.deliveryId(),
                    e.getClass().getSimpleName(),
                    e);
            return SendResult.retry("unexpected error in Cairn: " + e.getClass().getSimpleName());
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
