package dev.cairn.statuspage;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.notification.Channel;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import dev.cairn.statuspage.internal.StatusStore;
import dev.cairn.statuspage.internal.SubscriberStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail subscriptions with double opt-in. A sign-up only sends a confirmation link, at most one
 * per address per hour and a bounded number per hour in all, so the public form cannot be used to
 * flood an inbox; only confirmed subscribers get updates, each with a one-click unsubscribe link.
 * Tokens are random and stored as SHA-256 only.
 */
@Service
public class StatusSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(StatusSubscriptions.class);
    static final Duration ASK_AGAIN_AFTER = Duration.ofHours(1);
    static final Duration CONFIRM_VALID = Duration.ofDays(7);
    static final String CONFIRM = "confirm";
    static final String UNSUBSCRIBE = "unsubscribe";

    private final SubscriberStore subscribers;
    private final StatusStore store;
    private final Notifications notifications;
    private final Audit audit;
    private final Clock clock;
    private final int maxPerHour;

    StatusSubscriptions(
            SubscriberStore subscribers,
            StatusStore store,
            Notifications notifications,
            Audit audit,
            Clock clock,
            @Value("${cairn.status-page.max-confirmations-per-hour:200}") int maxPerHour) {
        this.subscribers = subscribers;
        this.store = store;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.maxPerHour = maxPerHour;
    }

    /** What the form answers: the same words whether the address is new, pending or confirmed. */
    public enum SignUp {
        ASKED,
        BUSY
    }

    @Transactional
    public SignUp subscribe(String address) {
        String email = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320) {
            throw new InvalidInputException("email", "is not an e-mail address");
        }
        Instant now = clock.instant();
        SubscriberStore.Subscriber subscriber = subscribers.lockOrCreate(email, now);
        if (subscriber.confirmedAt() != null || subscriber.lastAskedAt().isAfter(now.minus(ASK_AGAIN_AFTER))) {
            return SignUp.ASKED;
        }
        if (subscribers.askedSince(now.minus(ASK_AGAIN_AFTER)) >= maxPerHour) {
            log.warn("status_page.subscribe refused=rate_limit max_per_hour={}", maxPerHour);
            return SignUp.BUSY;
        }
        subscribers.asked(subscriber.id(), now);
        String token = token(subscriber.id(), CONFIRM, now);
        String page = store.settings().name();
        notifications.sendTo(
                Channel.EMAIL,
                email,
                null,
                new Notice(
                        "status-page:subscriber:" + subscriber.id(),
                        "status-page-confirm",
                        "Confirm your subscription to " + page,
                        "Someone (we hope you) asked to receive e-mail when " + page
                                + " posts an incident update. Open the link to confirm; if it was not you,"
                                + " ignore this e-mail and nothing more will be sent.",
                        null,
                        notifications.absolute("/status/confirm/" + token),
                        "Confirm subscription"));
        audit.record(Actor.SYSTEM, "status_page.subscription_asked", "status_subscriber", subscriber.id(), "");
        return SignUp.ASKED;
    }

    /** Confirms the subscription of a link; answers an unsubscribe link for the page, or empty. */
    @Transactional
    public Optional<String> confirm(String token) {
        Instant now = clock.instant();
        Optional<SubscriberStore.Token> found = find(token);
        if (found.isEmpty()
                || !CONFIRM.equals(found.get().purpose())
                || found.get().createdAt().isBefore(now.minus(CONFIRM_VALID))) {
            return Optional.empty();
        }
        long id = found.get().subscriberId();
        subscribers.confirm(id, now);
        audit.record(Actor.SYSTEM, "status_page.subscription_confirmed", "status_subscriber", id, "");
        return Optional.of(notifications.absolute("/status/unsubscribe/" + token(id, UNSUBSCRIBE, now)));
    }

    /** Ends a subscription by any of its links; answers whether there was one. */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<SubscriberStore.Token> found = find(token);
        found.ifPresent(t -> {
            subscribers.delete(t.subscriberId());
            audit.record(Actor.SYSTEM, "status_page.unsubscribed", "status_subscriber", t.subscriberId(), "");
        });
        return found.isPresent();
    }

    public long confirmedCount() {
        return subscribers.count(true);
    }

    // ---- for admins -----------------------------------------------------------------------------

    /** Where a subscription stands. Unsubscribing deletes the address, so there is no third state. */
    public enum State {
        PENDING("pending confirmation"),
        CONFIRMED("confirmed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state a query names ({@code pending}, {@code confirmed}); empty for both. */
        public static Optional<State> parse(String value) {
            if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("all")) {
                return Optional.empty();
            }
            for (State s : values()) {
                if (s.json().equalsIgnoreCase(value.strip())) {
                    return Optional.of(s);
                }
            }
            throw new InvalidInputException("state", "must be pending or confirmed");
        }
    }

    /** How many addresses wait for confirmation and how many get updates. */
    public record Counts(long pending, long confirmed) {

        public long total() {
            return pending + confirmed;
        }
    }

    public Counts counts() {
        return new Counts(subscribers.count(false), subscribers.count(true));
    }

    /** A subscriber as admins see it; {@code confirmedAt} is null while pending. */
    public record Subscriber(long id, String email, State state, Instant signedUpAt, Instant confirmedAt) {}

    /** One page of subscribers, newest sign-up first, with how many match the filter in all. */
    public record Page(List<Subscriber> items, String nextCursor, long total) {}

    /**
     * Subscribers for admins, filtered by state and a part of the address. Addresses are personal
     * data: only admins read them, and they are never written to logs or the audit trail.
     */
    @Transactional(readOnly = true)
    public Page list(State state, String search, String cursor, Integer limit, Actor actor) {
        Actors.requireAdminRead(actor);
        int size = CursorPage.limit(limit);
        long below = CursorPage.decode(cursor);
        Boolean confirmed = state == null ? null : state == State.CONFIRMED;
        String contains =
                search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        if (contains != null && contains.length() > 320) {
            throw new InvalidInputException("q", "must be at most 320 characters");
        }
        List<Subscriber> rows = subscribers.page(confirmed, contains, below, size + 1).stream()
                .map(StatusSubscriptions::subscriber)
                .toList();
        CursorPage<Subscriber> page = CursorPage.of(rows, size, Subscriber::id);
        return new Page(page.items(), page.nextCursor(), subscribers.count(confirmed, contains));
    }

    /** Removes a subscriber (pending or confirmed): no more e-mail, and their links stop working. */
    @Transactional
    public void remove(long id, Actor actor) {
        Actors.requireAdmin(actor);
        SubscriberStore.Row row =
                subscribers.find(id).orElseThrow(() -> new NotFoundException("Status page subscriber " + id));
        subscribers.delete(id);
        audit.record(
                actor,
                "status_page.subscriber_removed",
                "status_subscriber",
                id,
                "state=" + subscriber(row).state().json());
    }

    private static Subscriber subscriber(SubscriberStore.Row row) {
        return new Subscriber(
                row.id(),
                row.email(),
                row.confirmedAt() == null ? State.PENDING : State.CONFIRMED,
                row.createdAt(),
                row.confirmedAt());
    }

    /**
     * E-mails one public update to every confirmed subscriber, once: the update's notified mark is
     * claimed in the same transaction as the deliveries, so a revived job sends nothing twice.
     */
    @Transactional
    public int notifyUpdate(long updateId) {
        Instant now = clock.instant();
        if (!store.claimNotification(updateId, now)) {
            return 0;
        }
        Optional<StatusIncident> incident = store.byUpdate(updateId);
        if (incident.isEmpty()) {
            return 0;
        }
        StatusIncident.Update update = incident.get().updates().stream()
                .filter(u -> u.id() == updateId)
                .findFirst()
                .orElseThrow();
        String page = store.settings().name();
        String link =
                notifications.absolute("/status/incidents/" + incident.get().id());
        int sent = 0;
        for (SubscriberStore.Subscriber s : subscribers.confirmed()) {
            notifications.sendTo(
                    Channel.EMAIL,
                    s.email(),
                    null,
                    new Notice(
                            "status-page:update:" + updateId,
                            "status-page-update",
                            "[" + page + "] " + update.status().label() + ": "
                                    + incident.get().title(),
                            update.status().label() + " — " + update.message()
                                    + "\n\nYou get this because you subscribed to " + page
                                    + ". One click on the link below unsubscribes you.",
                            link,
                            notifications.absolute("/status/unsubscribe/" + token(s.id(), UNSUBSCRIBE, now)),
                            "Unsubscribe"));
            sent++;
        }
        log.info("status_page.notified update={} subscribers={}", updateId, sent);
        return sent;
    }

    private String token(long subscriberId, String purpose, Instant now) {
        String token = Secrets.random(24);
        subscribers.addToken(Secrets.sha256(token), subscriberId, purpose, now);
        return token;
    }

    private Optional<SubscriberStore.Token> find(String token) {
        if (token == null || token.length() < 16 || token.length() > 100) {
            return Optional.empty();
        }
        return subscribers.token(Secrets.sha256(token));
    }
}
