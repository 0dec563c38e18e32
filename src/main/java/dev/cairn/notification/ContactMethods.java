package dev.cairn.notification;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Users;
import dev.cairn.notification.internal.Access;
import dev.cairn.notification.internal.ContactStore;
import dev.cairn.notification.internal.ContactStore.MethodRow;
import dev.cairn.notification.internal.DeliveryStore;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's contact methods: e-mail addresses and outgoing webhooks. A webhook gets a signing
 * secret from Cairn, returned only when it is created or rotated.
 */
@Service
public class ContactMethods {

    public static final int MAX_METHODS = 20;
    public static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"()]+@[^@\\s,;<>\"()]+");

    private final ContactStore contacts;
    private final DeliveryStore deliveries;
    private final Users users;
    private final Audit audit;
    private final Clock clock;

    ContactMethods(ContactStore contacts, DeliveryStore deliveries, Users users, Audit audit, Clock clock) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new method and, for a webhook, its signing secret (shown to its owner this once). */
    public record Created(ContactMethodView method, String secret) {}

    public List<ContactMethodView> of(long userId, Actor actor) {
        Access.requireRead(actor, userId);
        existing(userId);
        return contacts.methods(userId).stream().map(MethodRow::view).toList();
    }

    public ContactMethodView get(long userId, long id, Actor actor) {
        Access.requireRead(actor, userId);
        return owned(userId, id).view();
    }

    @Transactional
    public Created create(long userId, String name, Channel channel, String address, Actor actor) {
        Access.requireManage(actor, userId);
        existing(userId);
        String checkedName = name(name);
        if (channel == null) {
            throw new InvalidInputException("channel", "is required (email or webhook)");
        }
        String checkedAddress = address(channel, address);
        if (contacts.countMethods(userId) >= MAX_METHODS) {
            throw new ConflictException(
                    "A person can have at most " + MAX_METHODS + " contact methods; delete one first");
        }
        String secret = channel == Channel.WEBHOOK ? newSecret() : null;
        long id = contacts.insertMethod(userId, checkedName, channel, checkedAddress, secret, clock.instant());
        audit.record(
                actor,
                "notification.contact_method_created",
                "contact_method",
                id,
                "user=" + userId + " channel=" + channel.json() + " address=" + channel.display(checkedAddress));
        return new Created(owned(userId, id).view(), secret);
    }

    /** Changes the name, address or enabled flag (null leaves it as it is). */
    @Transactional
    public ContactMethodView update(long userId, long id, String name, String address, Boolean enabled, Actor actor) {
        Access.requireManage(actor, userId);
        MethodRow current = owned(userId, id);
        String newName = name == null ? current.name() : name(name);
        String newAddress = address == null ? current.address() : address(current.channel(), address);
        boolean newEnabled = enabled == null ? current.enabled() : enabled;
        contacts.updateMethod(id, newName, newAddress, newEnabled, clock.instant());
        if (!newAddress.equals(current.address())) {
            deliveries.retarget(id, newAddress);
        }
        int cancelled = 0;
        if (!newEnabled && current.enabled()) {
            cancelled = deliveries.cancelForMethod(id, "cancelled: the contact method was disabled before sending");
        }
        audit.record(
                actor,
                "notification.contact_method_updated",
                "contact_method",
                id,
                "user=" + userId + " enabled=" + newEnabled + " address="
                        + current.channel().display(newAddress)
                        + (cancelled > 0 ? " cancelled_deliveries=" + cancelled : ""));
        return owned(userId, id).view();
    }

    @Transactional
    public void delete(long userId, long id, Actor actor) {
        Access.requireManage(actor, userId);
        MethodRow method = owned(userId, id);
        int rules = contacts.countRulesOf(id);
        int cancelled = deliveries.cancelForMethod(id, "cancelled: the contact method was deleted before sending");
        contacts.deleteMethod(id);
        audit.record(
                actor,
                "notification.contact_method_deleted",
                "contact_method",
                id,
                "user=" + userId + " name=" + method.name() + " rules_removed=" + rules
                        + (cancelled > 0 ? " cancelled_deliveries=" + cancelled : ""));
    }

    /** A new signing secret for a webhook, returned once; the old one stops signing at once. */
    @Transactional
    public Created rotateSecret(long userId, long id, Actor actor) {
        Access.requireManage(actor, userId);
        MethodRow method = owned(userId, id);
        if (method.channel() != Channel.WEBHOOK) {
            throw new ConflictException("Only webhooks have a signing secret");
        }
        String secret = newSecret();
        contacts.setSecret(id, secret, clock.instant());
        audit.record(actor, "notification.webhook_secret_rotated", "contact_method", id, "user=" + userId);
        return new Created(owned(userId, id).view(), secret);
    }

    MethodRow owned(long userId, long id) {
        return contacts.method(id)
                .filter(m -> m.userId() == userId)
                .orElseThrow(() -> new NotFoundException("Contact method " + id));
    }

    private void existing(long userId) {
        if (users.find(userId).isEmpty()) {
            throw new NotFoundException("User " + userId);
        }
    }

    private static String newSecret() {
        return "whsec_" + Secrets.random(32);
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required, e.g. Work e-mail or Phone bridge");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME + " characters");
        }
        return name.strip();
    }

    static String address(Channel channel, String address) {
        if (address == null || address.isBlank()) {
            throw new InvalidInputException(
                    "address",
                    switch (channel) {
                        case WEBHOOK -> "is required: the webhook's URL";
                        case SLACK -> "is required: your Slack member id";
                        case EMAIL -> "is required: an e-mail address";
                    });
        }
        String value = address.strip();
        return switch (channel) {
            case EMAIL -> email(value);
            case WEBHOOK -> url(value);
            case SLACK -> slackMember(value);
        };
    }

    /** A Slack member id (Slack: profile → ⋮ → Copy member ID); Cairn messages the member directly. */
    private static String slackMember(String value) {
        if (!value.matches("[UW][A-Z0-9]{2,39}")) {
            throw new InvalidInputException("address", "must be a Slack member id such as U0123ABCD");
        }
        return value;
    }

    private static String email(String value) {
        if (value.length() > MAX_EMAIL || !EMAIL.matcher(value).matches()) {
            throw new InvalidInputException("address", "must be an e-mail address such as ada@example.com");
        }
        return value;
    }

    private static String url(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("address", "must be a URL such as https://hooks.example.com/cairn");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidInputException("address", "must start with https:// (or http:// inside your network)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException("address", "must name a host, e.g. https://hooks.example.com/cairn");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException(
                    "address", "must not carry a user name or password; the signature proves it is Cairn");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("address", "must not have a #fragment");
        }
        if (value.length() > MAX_URL) {
            throw new InvalidInputException("address", "must be at most " + MAX_URL + " characters");
        }
        return value;
    }
}
