package dev.cairn.alerting;

import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.alerting.internal.RuleStore;
import dev.cairn.catalog.Services;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.OpenPage;
import dev.cairn.escalation.Paging;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Severities;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routing rules, and routing a newly opened alert group: the first matching rule gives its service
 * (else the integration's), and may declare an incident or attach the group to the service's open
 * incident. Routing runs inside the ingest transaction under a savepoint: if declaring fails, the
 * alert is still stored, unrouted and visible, and never lost to a routing error.
 */
@Service
public class Routing {

    private static final Logger log = LoggerFactory.getLogger(Routing.class);
    static final int MAX_MATCHERS = 20;

    private final AlertStore store;
    private final RuleStore ruleStore;
    private final Services services;
    private final Incidents incidents;
    private final Severities severities;
    private final Audit audit;
    private final EscalationPolicies policies;
    private final Paging paging;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    Routing(
            AlertStore store,
            RuleStore ruleStore,
            Services services,
            Incidents incidents,
            Severities severities,
            Audit audit,
            EscalationPolicies policies,
            Paging paging,
            PlatformTransactionManager tx,
            Clock clock) {
        this.store = store;
        this.ruleStore = ruleStore;
        this.services = services;
        this.incidents = incidents;
        this.severities = severities;
        this.audit = audit;
        this.policies = policies;
        this.paging = paging;
        this.savepoint = new TransactionTemplate(tx);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    public List<RoutingRule> rules() {
        return ruleStore.rules();
    }

    @Transactional
    public RoutingRule create(
            String name,
            Integer position,
            List<RoutingRule.Matcher> matchers,
            Long serviceId,
            RoutingRule.Action action,
            String severity,
            Long policyId,
            Actor actor) {
        Actors.requireWrite(actor);
        if (policyId != null && policies.find(policyId).isEmpty()) {
            throw new InvalidInputException("policyId", "is not a known escalation policy");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        if (matchers == null) {
            throw new InvalidInputException("matchers", "is required (an empty list matches every alert)");
        }
        if (matchers.size() > MAX_MATCHERS) {
            throw new InvalidInputException("matchers", "are too many: at most " + MAX_MATCHERS + " in one rule");
        }
        if (serviceId != null && services.find(serviceId).isEmpty()) {
            throw new InvalidInputException("serviceId", "is not a known service");
        }
        if (severity != null) {
            severities.check(severity);
        }
        RoutingRule.Action chosen = action == null ? RoutingRule.Action.NONE : action;
        int at = position == null ? ruleStore.rules().size() * 10 + 10 : position;
        long id = ruleStore.insertRule(
                name.strip(), at, matchers, serviceId, chosen, severity, policyId, clock.instant());
        audit.record(
                actor, "routing_rule.created", "routing_rule", id, "name=" + name.strip() + " action=" + chosen.json());
        return get(id);
    }

    @Transactional
    public RoutingRule update(long id, Integer position, Boolean active, Actor actor) {
        Actors.requireWrite(actor);
        RoutingRule rule = get(id);
        ruleStore.updateRule(
                id, position == null ? rule.position() : position, active == null ? rule.active() : active);
        audit.record(actor, "routing_rule.updated", "routing_rule", id, "position=" + position + " active=" + active);
        return get(id);
    }

    /**
     * Moves a rule one place earlier ({@code up}) or later in the evaluation order. Positions are
     * renumbered 10, 20, 30… so that equal positions (allowed through the API) never hide a move.
     */
    @Transactional
    public RoutingRule move(long id, boolean up, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        List<RoutingRule> ordered = new java.util.ArrayList<>(ruleStore.rules());
        int from = java.util.stream.IntStream.range(0, ordered.size())
                .filter(i -> ordered.get(i).id() == id)
                .findFirst()
                .orElseThrow();
        int to = up ? from - 1 : from + 1;
        if (to < 0 || to >= ordered.size()) {
            return ordered.get(from);
        }
        java.util.Collections.swap(ordered, from, to);
        for (int i = 0; i < ordered.size(); i++) {
            RoutingRule rule = ordered.get(i);
            if (rule.position() != (i + 1) * 10) {
                ruleStore.updateRule(rule.id(), (i + 1) * 10, rule.active());
            }
        }
        audit.record(actor, "routing_rule.moved", "routing_rule", id, (up ? "up" : "down") + " to=" + (to + 1));
        return get(id);
    }

    /** The rule that would route an alert with these fields, as {@link #route} chooses it. */
    public Optional<RoutingRule> firstMatch(java.util.Map<String, String> fields) {
        return RoutingRule.first(ruleStore.rules(), fields);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        ruleStore.deleteRule(id);
        audit.record(actor, "routing_rule.deleted", "routing_rule", id, "");
    }

    public RoutingRule get(long id) {
        return ruleStore.rule(id).orElseThrow(() -> new NotFoundException("Routing rule " + id));
    }

    /** Routes a group that has just opened; called in the ingest transaction. */
    void route(long groupId, IntegrationView integration, AlertEvent event) {
        Optional<RoutingRule> rule = RoutingRule.first(ruleStore.rules(), event.fields());
        Long serviceId = rule.map(RoutingRule::serviceId).orElse(null);
        Long chosenService = serviceId != null ? serviceId : integration.serviceId();
        Long incidentId = null;
        if (rule.isPresent() && rule.get().action() != RoutingRule.Action.NONE) {
            try {
                incidentId = savepoint.execute(status -> act(rule.get(), chosenService, event));
            } catch (RuntimeException e) {
                log.error(
                        "event=alert_routing_failed group={} rule={} reason={}",
                        groupId,
                        rule.get().id(),
                        e.getMessage(),
                        e);
            }
        }
        store.route(
                groupId, chosenService, incidentId, rule.map(RoutingRule::id).orElse(null));
        Long policyId = rule.map(RoutingRule::policyId).orElse(null);
        if (policyId == null && chosenService != null) {
            policyId = policies.forService(chosenService).orElse(null);
        }
        if (policyId != null) {
            page(groupId, policyId, incidentId, event);
        }
    }

    private void page(long groupId, long policyId, Long incidentId, AlertEvent event) {
        // For the person paged: where it comes from and its labels, one per line.
        StringBuilder text = new StringBuilder();
        if (event.source() != null) {
            text.append("Source: ").append(event.source()).append('\n');
        }
        new java.util.TreeMap<>(event.fields()).forEach((k, v) -> {
            if (text.length() < 3000) {
                text.append(k).append(" = ").append(v).append('\n');
            }
        });
        String details = text.toString().strip();
        try {
            savepoint.executeWithoutResult(status ->
                    paging.open(new OpenPage(policyId, groupId, incidentId, event.title(), details), Actor.SYSTEM));
        } catch (RuntimeException e) {
            log.error("event=alert_paging_failed group={} policy={} reason={}", groupId, policyId, e.getMessage(), e);
        }
    }

    private Long act(RoutingRule rule, Long serviceId, AlertEvent event) {
        if (rule.action() == RoutingRule.Action.ATTACH) {
            if (serviceId == null) {
                return null;
            }
            IncidentFilter open = new IncidentFilter(
                    EnumSet.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING),
                    null,
                    serviceId,
                    null,
                    null,
                    null,
                    null);
            return incidents.list(open, null, 1, Actor.SYSTEM).items().stream()
                    .findFirst()
                    .map(Incident::id)
                    .orElse(null);
        }
        String title = event.title().length() > 200 ? event.title().substring(0, 199) + "…" : event.title();
        Instant now = clock.instant();
        Incident declared = incidents.declare(
                new DeclareIncident(
                        title,
                        "Declared automatically by routing rule \"" + rule.name() + "\" from an alert"
                                + (event.source() == null ? "" : " on " + event.source()) + ".",
                        rule.severity() != null ? rule.severity() : RoutingRule.incidentSeverity(event.severity()),
                        IncidentType.DEFAULT,
                        serviceId == null ? List.of() : List.of(serviceId),
                        null,
                        now),
                Actor.SYSTEM);
        return declared.id();
    }
}
