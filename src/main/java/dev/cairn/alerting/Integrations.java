package dev.cairn.alerting;

import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.alerting.internal.Payloads;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrations: each has a secret token that appears in its hook URL (or is the PagerDuty routing
 * key). The token is shown once, stored as a SHA-256 hash, and can be rotated.
 */
@Service
public class Integrations {

    private final AlertStore store;
    private final Services services;
    private final Audit audit;
    private final Clock clock;

    Integrations(AlertStore store, Services services, Audit audit, Clock clock) {
        this.store = store;
        this.services = services;
        this.audit = audit;
        this.clock = clock;
    }

    /** An integration and its token, which is never shown again. */
    public record Created(IntegrationView integration, String token) {}

    @Transactional
    public Created create(String name, IntegrationKind kind, Long serviceId, GenericMapping mapping, Actor actor) {
        Actors.requireWrite(actor);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        if (kind == null) {
            throw new InvalidInputException("kind", "must be one of alertmanager, grafana, pagerduty, generic");
        }
        if (kind == IntegrationKind.GENERIC && mapping == null) {
            throw new InvalidInputException("mapping", "is required for a generic webhook");
        }
        if (serviceId != null && services.find(serviceId).isEmpty()) {
            throw new InvalidInputException("serviceId", "is not a known service");
        }
        String token = newToken();
        long id = store.insertIntegration(
                name.strip(),
                kind,
                hash(token),
                hint(token),
                serviceId,
                kind == IntegrationKind.GENERIC ? mapping : null,
                actor.isSystem() ? null : actor.userId(),
                clock.instant());
        audit.record(actor, "integration.created", "integration", id, "kind=" + kind.json() + " name=" + name.strip());
        return new Created(get(id), token);
    }

    @Transactional
    public Created rotate(long id, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        String token = newToken();
        store.rotate(id, hash(token), hint(token), clock.instant());
        audit.record(actor, "integration.rotated", "integration", id, "");
        return new Created(get(id), token);
    }

    @Transactional
    public IntegrationView setActive(long id, boolean active, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        store.setActive(id, active);
        audit.record(actor, active ? "integration.enabled" : "integration.disabled", "integration", id, "");
        return get(id);
    }

    public IntegrationView get(long id) {
        return store.integration(id).orElseThrow(() -> new NotFoundException("Integration " + id));
    }

    public CursorPage<IntegrationView> page(String cursor, int limit) {
        return CursorPage.of(store.integrations(CursorPage.decode(cursor), limit + 1), limit, IntegrationView::id);
    }

    /** The payloads refused for an integration, newest first (at most 100 are kept); writers only. */
    public List<AlertStore.Rejected> rejected(long id, Actor actor) {
        // Refused bodies may hold anything a sender put in them: only people who run integrations read them.
        Actors.requireWrite(actor);
        get(id);
        return store.rejected(id, 100);
    }

    /** What a generic mapping reads from a sample payload, before it is saved. */
    public List<AlertEvent> preview(GenericMapping mapping, String sample) {
        try {
            return Payloads.generic(Payloads.json(sample.getBytes(StandardCharsets.UTF_8)), mapping);
        } catch (PayloadException e) {
            throw new InvalidInputException("sample." + e.field(), e.getMessage());
        }
    }

    Optional<IntegrationView> byToken(String token) {
        return token == null || token.isBlank() || token.length() > 200
                ? Optional.empty()
                : store.integrationByToken(hash(token));
    }

    private static String newToken() {
        return Secrets.random(24);
    }

    private static String hint(String token) {
        return token.substring(token.length() - 4);
    }

    static String hash(String token) {
        return Secrets.sha256(token);
    }
}
