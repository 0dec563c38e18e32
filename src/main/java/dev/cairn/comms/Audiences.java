package dev.cairn.comms;

import dev.cairn.comms.internal.AudienceStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.Severities;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audiences and their templates, cadences and recipients. Everyone may read them (the room
 * shows them); only admins change them.
 */
@Service
public class Audiences {

    static final int MAX_TEMPLATE = 8000;
    static final int MAX_SUBJECT = 300;

    private final AudienceStore store;
    private final Severities severities;
    private final Audit audit;
    private final Clock clock;

    Audiences(AudienceStore store, Severities severities, Audit audit, Clock clock) {
        this.store = store;
        this.severities = severities;
        this.audit = audit;
        this.clock = clock;
    }

    /** A recipient just added; a webhook's signing secret is here once and never again. */
    public record AddedRecipient(Audience.Recipient recipient, String secret) {}

    public List<Audience> all() {
        return store.all();
    }

    public Audience get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Audience " + id));
    }

    @Transactional
    public Audience create(AudienceInput input, Actor actor) {
        Actors.requireAdmin(actor);
        Instant now = clock.instant();
        String name = name(input.name());
        String slug = slug(input.slug() == null || input.slug().isBlank() ? name : input.slug(), 0);
        long id = store.insert(
                slug,
                name,
                description(input.description()),
                UpdateTemplate.check("subjectTemplate", orDefault(input.subjectTemplate(), "{{title}}"), MAX_SUBJECT),
                UpdateTemplate.check("template", input.template(), MAX_TEMPLATE),
                input.position() == null ? store.nextPosition() : input.position(),
                now);
        store.replaceCadence(id, cadence(input.cadence()));
        audit.record(actor, "audience.created", "audience", id, "slug=" + slug);
        return get(id);
    }

    @Transactional
    public Audience update(long id, AudienceInput input, Actor actor) {
        Actors.requireAdmin(actor);
        Audience current = get(id);
        store.update(
                id,
                input.slug() == null ? current.slug() : slug(input.slug(), id),
                input.name() == null ? current.name() : name(input.name()),
                input.description() == null ? current.description() : description(input.description()),
                input.subjectTemplate() == null
                        ? current.subjectTemplate()
                        : UpdateTemplate.check("subjectTemplate", input.subjectTemplate(), MAX_SUBJECT),
                input.template() == null
                        ? current.template()
                        : UpdateTemplate.check("template", input.template(), MAX_TEMPLATE),
                input.position() == null ? current.position() : input.position(),
                clock.instant());
        if (input.cadence() != null) {
            store.replaceCadence(id, cadence(input.cadence()));
        }
        audit.record(actor, "audience.updated", "audience", id, "slug=" + current.slug());
        return get(id);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Actors.requireAdmin(actor);
        Audience current = get(id);
        store.delete(id);
        audit.record(actor, "audience.deleted", "audience", id, "slug=" + current.slug());
    }

    /**
     * Adds an e-mail address (or list), a webhook or a Slack channel (its id, or {@code #name}); a
     * webhook gets a signing secret generated here, answered once. Updates to a Slack channel go
     * through the outbox's Slack lane for that channel.
     */
    @Transactional
    public AddedRecipient addRecipient(long audienceId, String channel, String address, Actor actor) {
        Actors.requireAdmin(actor);
        get(audienceId);
        String target = address == null ? "" : address.strip();
        String secret = null;
        switch (channel == null ? "" : channel.strip()) {
            case "email" -> {
                if (!target.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || target.length() > 320) {
                    throw new InvalidInputException("address", "is not an e-mail address");
                }
            }
            case "webhook" -> {
                if (!target.matches("https?://\\S+") || target.length() > 2000) {
                    throw new InvalidInputException("address", "must be an http(s) URL");
                }
                secret = "whsec_" + Secrets.random(24);
            }
            case "slack" -> {
                if (!target.matches("[CG][A-Z0-9]{2,39}") && !target.matches(Notifications.SLACK_CHANNEL_NAME)) {
                    throw new InvalidInputException(
                            "address", "must be a Slack channel id such as C0123ABCD or a #channel-name");
                }
            }
            default -> throw new InvalidInputException("channel", "must be one of email, webhook, slack");
        }
        long id = store.addRecipient(audienceId, channel.strip(), target, secret, clock.instant());
        audit.record(actor, "audience.recipient_added", "audience", audienceId, "recipient=" + id + " " + channel);
        Audience.Recipient added = get(audienceId).recipients().stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow();
        return new AddedRecipient(added, secret);
    }

    @Transactional
    public void removeRecipient(long audienceId, long recipientId, Actor actor) {
        Actors.requireAdmin(actor);
        if (store.removeRecipient(audienceId, recipientId) == 0) {
            throw new NotFoundException("Recipient " + recipientId);
        }
        audit.record(actor, "audience.recipient_removed", "audience", audienceId, "recipient=" + recipientId);
    }

    private String slug(String value, long exceptId) {
        String slug = value.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
        if (slug.isEmpty() || slug.length() > 40) {
            throw new InvalidInputException("slug", "must be 1 to 40 letters, digits or underscores");
        }
        if (store.slugTaken(slug, exceptId)) {
            throw new InvalidInputException("slug", "is already used by another audience");
        }
        return slug;
    }

    private static String name(String value) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        return name;
    }

    private static String description(String value) {
        String text = value == null ? "" : value.strip();
        if (text.length() > 500) {
            throw new InvalidInputException("description", "must be at most 500 characters");
        }
        return text;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private Map<String, Integer> cadence(Map<String, Integer> requested) {
        Map<String, Integer> cadence = new LinkedHashMap<>();
        if (requested == null) {
            return cadence;
        }
        requested.forEach((severity, minutes) -> {
            try {
                severities.check(severity);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("cadence." + severity, e.getMessage());
            }
            if (minutes == null || minutes == 0) {
                return;
            }
            if (minutes < 5 || minutes > 1440) {
                throw new InvalidInputException(
                        "cadence." + severity, "must be 5 to 1440 minutes, or 0 for no cadence");
            }
            cadence.put(severity, minutes);
        });
        return cadence;
    }
}
