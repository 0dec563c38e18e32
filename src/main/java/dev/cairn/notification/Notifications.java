package dev.cairn.notification;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.notification.internal.Access;
import dev.cairn.notification.internal.BaseUrl;
import dev.cairn.notification.internal.ContactStore;
import dev.cairn.notification.internal.ContactStore.MethodRow;
import dev.cairn.notification.internal.DeliveryPlan;
import dev.cairn.notification.internal.DeliveryStore;
import dev.cairn.notification.internal.DeliveryStore.NewDelivery;
import dev.cairn.notification.internal.Outbox;
import dev.cairn.notification.internal.SlackLanes;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells people things through their contact methods. Every delivery is a row in the outbox and a
 * db-scheduler execution written in the caller's transaction: it exists exactly when the caller's
 * work commits, survives restarts, is sent by one node, retried with backoff and visible with
 * every attempt.
 */
@Service
public class Notifications {

    /** A Slack channel by name, as chat.postMessage accepts it: {@code #incidents}. */
    public static final String SLACK_CHANNEL_NAME = "#[a-z0-9][a-z0-9._-]{0,79}";

    /** Topics of test notifications: {@code test:<contactMethodId>}. */
    public static final String TEST_TOPIC = "test:";

    private final DeliveryStore deliveries;
    private final ContactStore contacts;
    private final Outbox outbox;
    private final Users users;
    private final Audit audit;
    private final Clock clock;
    private final String baseUrl;

    Notifications(
            DeliveryStore deliveries,
            ContactStore contacts,
            Outbox outbox,
            Users users,
            Audit audit,
            Clock clock,
            @Value("${cairn.base-url:http://localhost:8080}") String baseUrl) {
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.outbox = outbox;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * Plans this user's deliveries following their notification rules, inside the caller's
     * transaction (so they exist iff it commits). A user with no contact method still gets their
     * account e-mail at once (never nobody). Returns the planned deliveries. Whom to notify is the
     * caller's decision: a deactivated user is notified like anyone else.
     */
    @Transactional
    public List<DeliveryView> notify(long userId, Notice notice) {
        UserView user = users.find(userId).orElseThrow(() -> new NotFoundException("User " + userId));
        List<NotificationStep> steps = DeliveryPlan.of(
                user.email(),
                contacts.methods(userId).stream().map(MethodRow::view).toList(),
                contacts.rules(userId));
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        for (NotificationStep step : steps) {
            Instant due = now.plusSeconds(step.delayMinutes() * 60L);
            ids.add(plan(userId, notice, step.contactMethodId(), step.channel(), step.target(), due, now));
        }
        return deliveries.views(ids);
    }

    /** Cancels deliveries of the topic that have not been sent yet (e.g. the page was acknowledged); returns how many. */
    @Transactional
    public int cancel(String topic) {
        if (topic == null || topic.isBlank()) {
            return 0;
        }
        return deliveries.cancelTopic(topic.strip());
    }

    /** All deliveries of a topic with every attempt, oldest first — shown on the page/alert. */
    public List<DeliveryView> deliveries(String topic) {
        return topic == null ? List.of() : deliveries.byTopic(topic.strip());
    }

    /**
     * A topic's deliveries as {@code reader} may see them: responders and admins see everyone's (they
     * work the page together), viewers only their own.
     */
    public List<DeliveryView> deliveries(String topic, Actor reader) {
        if (topic == null || topic.isBlank()) {
            throw new InvalidInputException("topic", "is required, e.g. page:42");
        }
        List<DeliveryView> all = deliveries(topic);
        if (reader.role() != Role.VIEWER) {
            return all;
        }
        return all.stream().filter(d -> d.userId() == reader.userId()).toList();
    }

    /** The deliveries to one person, newest first. */
    public CursorPage<DeliveryView> recent(long userId, Actor reader, String cursor, int limit) {
        Access.requireRead(reader, userId);
        if (users.find(userId).isEmpty()) {
            throw new NotFoundException("User " + userId);
        }
        return CursorPage.of(deliveries.byUser(userId, CursorPage.decode(cursor), limit + 1), limit, DeliveryView::id);
    }

    /**
     * Sends a test through the outbox to one contact method, on topic {@code test:<id>}, even when
     * the method is disabled (to check it before enabling it).
     */
    @Transactional
    public DeliveryView test(long userId, long contactMethodId, Actor actor) {
        Access.requireManage(actor, userId);
        MethodRow method = contacts.method(contactMethodId)
                .filter(m -> m.userId() == userId)
                .orElseThrow(() -> new NotFoundException("Contact method " + contactMethodId));
        Notice notice = new Notice(
                TEST_TOPIC + contactMethodId,
                "test",
                "Cairn test notification: " + method.name(),
                "This is a test of your contact method \u201c" + method.name()
                        + "\u201d. If you can read this, Cairn can reach you here when you are paged."
                        + " Nothing else to do.",
                absolute("/account/notifications"),
                null,
                null);
        Instant now = clock.instant();
        long id = plan(userId, notice, method.id(), method.channel(), method.address(), now, now);
        audit.record(actor, "notification.test_sent", "contact_method", contactMethodId, "user=" + userId);
        return deliveries.views(List.of(id)).getFirst();
    }

    /** The latest test of each of these contact methods, by method id. */
    public Map<Long, DeliveryView> latestTests(Collection<Long> contactMethodIds) {
        Map<String, DeliveryView> byTopic = deliveries.latestOfTopics(
                contactMethodIds.stream().map(id -> TEST_TOPIC + id).toList());
        Map<Long, DeliveryView> byMethod = new java.util.HashMap<>();
        byTopic.forEach((topic, view) -> byMethod.put(Long.parseLong(topic.substring(TEST_TOPIC.length())), view));
        return byMethod;
    }

    /** What each of these deliveries said (their subjects), for lists of them. */
    public Map<Long, String> subjects(Collection<Long> deliveryIds) {
        return deliveries.subjects(deliveryIds);
    }

    /**
     * Who would get what if {@code userId} were notified now, without sending anything: for showing
     * people the effect of their settings.
     */
    public List<NotificationStep> preview(long userId, Actor reader) {
        Access.requireRead(reader, userId);
        UserView user = users.find(userId).orElseThrow(() -> new NotFoundException("User " + userId));
        return DeliveryPlan.of(
                user.email(),
                contacts.methods(userId).stream().map(MethodRow::view).toList(),
                contacts.rules(userId));
    }

    /** An absolute URL to a Cairn page, from {@code cairn.base-url}: for links in notices. */
    public String absolute(String path) {
        return BaseUrl.absolute(baseUrl, path);
    }

    /**
     * Plans one delivery to a recipient who is not a Cairn user — an audience's e-mail list or
     * webhook, a status page subscriber — at once, through the same outbox (retries, attempts,
     * Retry-After). {@code secret} signs a webhook (required for webhooks, ignored for e-mail).
     * Inside the caller's transaction; answers the planned delivery.
     */
    @Transactional
    public DeliveryView sendTo(Channel channel, String address, String secret, Notice notice) {
        String target = address == null ? "" : address.strip();
        switch (channel) {
            case EMAIL -> {
                if (!target.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || target.length() > 320) {
                    throw new InvalidInputException("address", "is not an e-mail address");
                }
            }
            case WEBHOOK -> {
                if (!target.matches("https?://\\S+") || target.length() > 2000) {
                    throw new InvalidInputException("address", "must be an http(s) URL");
                }
                if (secret == null || secret.isBlank()) {
                    throw new InvalidInputException("secret", "is required to sign a webhook");
                }
            }
            case SLACK -> {
                if (!target.matches("[CGDUW][A-Z0-9]{2,39}") && !target.matches(SLACK_CHANNEL_NAME)) {
                    throw new InvalidInputException(
                            "address", "must be a Slack channel id such as C0123ABCD, a #channel-name or a member id");
                }
            }
        }
        Instant now = clock.instant();
        long id = plan(null, notice, null, channel, target, now, now, channel == Channel.WEBHOOK ? secret : null);
        return deliveries.views(List.of(id)).getFirst();
    }

    /**
     * Plans one Slack Web API call through the outbox, in the caller's transaction: it waits for its
     * rate lane (posts to a channel about one a second and in order, channel creation and pins
     * about 20 a minute, invitations about 50 a minute), honours Slack's Retry-After and is retried
     * like any delivery, and never delays e-mail or webhooks. {@code args} are the method's
     * arguments ({@code channel} names the channel's lane). Answers the delivery's id.
     */
    @Transactional
    public long callSlack(String topic, String kind, String method, Map<String, ?> args) {
        if (method == null || !method.matches("[a-z]+\\.[a-zA-Z.]+")) {
            throw new InvalidInputException("method", "must be a Slack Web API method such as chat.postMessage");
        }
        Object channel = args.get("channel");
        String target = channel == null ? "-" : channel.toString();
        String request = SLACK_JSON.writeValueAsString(Map.of("method", method, "args", args));
        if (request.length() > 40000) {
            throw new InvalidInputException("args", "are too long for one Slack call");
        }
        SlackLanes.Lane lane = SlackLanes.of(method, target);
        Instant now = clock.instant();
        long id = deliveries.insert(
                new NewDelivery(
                        topic,
                        kind,
                        null,
                        null,
                        Channel.SLACK,
                        target,
                        "Slack " + method + (channel == null ? "" : " in " + channel),
                        "",
                        null,
                        null,
                        null,
                        now,
                        null,
                        lane.name(),
                        (int) lane.pace().toMillis(),
                        request),
                now);
        outbox.schedule(id, now);
        return id;
    }

    private static final tools.jackson.databind.json.JsonMapper SLACK_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private long plan(
            Long userId, Notice notice, Long methodId, Channel channel, String target, Instant due, Instant now) {
        return plan(userId, notice, methodId, channel, target, due, now, null);
    }

    private long plan(
            Long userId,
            Notice notice,
            Long methodId,
            Channel channel,
            String target,
            Instant due,
            Instant now,
            String secret) {
        SlackLanes.Lane lane = channel == Channel.SLACK ? SlackLanes.of("chat.postMessage", target) : null;
        long id = deliveries.insert(
                new NewDelivery(
                        notice.topic(),
                        notice.kind(),
                        userId,
                        methodId,
                        channel,
                        target,
                        notice.subject(),
                        notice.text(),
                        notice.link(),
                        notice.actionUrl(),
                        notice.actionLabel(),
                        due,
                        secret,
                        lane == null ? null : lane.name(),
                        lane == null ? null : (int) lane.pace().toMillis(),
                        null),
                now);
        outbox.schedule(id, due);
        return id;
    }
}
