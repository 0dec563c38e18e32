package dev.cairn.alerting;

import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.alerting.internal.IngestGate;
import dev.cairn.alerting.internal.Payloads;
import dev.cairn.escalation.Paging;
import dev.cairn.shared.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes alerts in. Every alert of a request is stored in one transaction that commits before the
 * sender hears 2xx, so a 2xx means durable. A payload Cairn cannot read is refused as a whole (400,
 * naming the field) and kept for the integration's owner; nothing of it is half-stored.
 */
@Service
public class AlertIngest {

    private static final Logger log = LoggerFactory.getLogger(AlertIngest.class);

    private final Integrations integrations;
    private final AlertStore store;
    private final IngestGate gate;
    private final Routing routing;
    private final Paging paging;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertIngest(
            Integrations integrations,
            AlertStore store,
            IngestGate gate,
            Routing routing,
            Paging paging,
            TransactionTemplate tx,
            Clock clock) {
        this.integrations = integrations;
        this.store = store;
        this.gate = gate;
        this.routing = routing;
        this.paging = paging;
        this.tx = tx;
        this.clock = clock;
    }

    /** What one request did: the groups it touched, in the order of its alerts. */
    public record Result(int alerts, List<Long> groupIds, String dedupKey) {}

    /** {@code /hooks/{kind}/{token}}: Alertmanager, Grafana and generic webhooks. */
    public Result hook(IntegrationKind kind, String token, byte[] body) {
        IntegrationView integration = integrations
                .byToken(token)
                .filter(i -> i.kind() == kind)
                .orElseThrow(() -> new NotFoundException("Integration for this " + kind.json() + " hook"));
        return gate.through(() -> {
            List<AlertEvent> events;
            try {
                events = switch (kind) {
                    case ALERTMANAGER, GRAFANA -> Payloads.alertmanager(Payloads.json(body));
                    case GENERIC -> Payloads.generic(Payloads.json(body), integration.mapping());
                    case PAGERDUTY -> throw new PayloadException("body", "PagerDuty events go to /v2/enqueue");
                };
            } catch (PayloadException e) {
                refused(integration, e, body);
                throw e;
            }
            return store(integration, events, null);
        });
    }

    /** {@code POST /v2/enqueue}: PagerDuty Events API v2, addressed by routing key. */
    public Result pagerDuty(byte[] body) {
        return gate.through(() -> {
            Payloads.PagerDutyEvent parsed = Payloads.pagerDuty(Payloads.json(body), generatedKey());
            IntegrationView integration = integrations
                    .byToken(parsed.routingKey())
                    .filter(i -> i.kind() == IntegrationKind.PAGERDUTY)
                    .orElseThrow(() ->
                            new PayloadException("routing_key", "is not the key of a Cairn PagerDuty integration"));
            return store(integration, List.of(parsed.event()), parsed.event().dedupKey());
        });
    }

    private Result store(IntegrationView integration, List<AlertEvent> events, String dedupKey) {
        Instant now = clock.instant();
        // Rows are locked in dedup-key order, whatever the payload's order: two payloads that share
        // keys in a different order would otherwise deadlock (seen under a storm on PostgreSQL).
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing((Integer i) -> events.get(i).dedupKey())
                .thenComparing(i -> i));
        List<Long> groups = tx.execute(status -> {
            Long[] ids = new Long[events.size()];
            for (int index : order) {
                AlertEvent event = events.get(index);
                Long groupId = switch (event.action()) {
                    case TRIGGER -> {
                        AlertStore.Landing landing = store.trigger(integration.id(), event, now);
                        if (landing.opened()) {
                            routing.route(landing.groupId(), integration, event);
                        }
                        yield landing.groupId();
                    }
                    case RESOLVE -> {
                        long resolved = store.resolve(integration.id(), event, now);
                        paging.alertGroupResolved(resolved);
                        yield resolved;
                    }
                    case ACKNOWLEDGE -> {
                        Long acknowledged =
                                store.acknowledge(integration.id(), event, now).orElse(null);
                        if (acknowledged != null) {
                            paging.alertGroupAcknowledged(acknowledged);
                        }
                        yield acknowledged;
                    }
                };
                store.insertAlert(groupId, integration.id(), event.action(), event.raw(), now);
                ids[index] = groupId;
            }
            return java.util.Arrays.asList(ids);
        });
        log.debug("event=alerts_accepted integration={} alerts={}", integration.id(), events.size());
        return new Result(events.size(), groups, dedupKey);
    }

    private void refused(IntegrationView integration, PayloadException e, byte[] body) {
        log.info(
                "event=alert_payload_refused integration={} field={} reason={}",
                integration.id(),
                e.field(),
                e.getMessage());
        tx.executeWithoutResult(status -> store.reject(
                integration.id(),
                e.field() + " " + e.getMessage(),
                new String(body, StandardCharsets.UTF_8),
                clock.instant()));
    }

    private static String generatedKey() {
        UUID uuid = UUID.randomUUID();
        return HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
                + HexFormat.of().toHexDigits(uuid.getLeastSignificantBits());
    }
}
