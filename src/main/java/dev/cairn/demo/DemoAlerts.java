package dev.cairn.demo;

import dev.cairn.alerting.AlertEvent;
import dev.cairn.alerting.AlertGroups;
import dev.cairn.alerting.AlertGroups.HistoricalGroup;
import dev.cairn.alerting.AlertIngest;
import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.IntegrationKind;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.alerting.Integrations;
import dev.cairn.alerting.PayloadException;
import dev.cairn.alerting.Routing;
import dev.cairn.alerting.RoutingRule;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The alerts behind the demo's pages: four integrations (Prometheus, Grafana, Datadog through
 * PagerDuty Events v2, uptime checks through a mapped generic webhook), three routing rules, and
 * for every historical page the alert group that opened it, written through {@link
 * AlertGroups#recordHistorical} — nothing is routed live, nobody is paged. Each group carries the
 * fields its integration's payload would have, and the rule those fields match among the demo's
 * own rules; its service is the service the alert is about. Deterministic: the randomness comes
 * from the caller.
 */
@Component
class DemoAlerts {

    static final String PROMETHEUS = "Prometheus (production)";
    static final String GRAFANA = "Grafana alerting";
    static final String DATADOG = "Datadog (Events v2)";
    static final String UPTIME = "Uptime checks";

    /** Titles that come from the uptime checker rather than from metrics. */
    static final List<String> UPTIME_ALERTS = List.of("HealthCheckFlapping", "CertificateExpiring");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Integrations integrations;
    private final Routing routing;
    private final AlertGroups groups;
    private final AlertIngest ingest;
    private final Services services;

    DemoAlerts(Integrations integrations, Routing routing, AlertGroups groups, AlertIngest ingest, Services services) {
        this.integrations = integrations;
        this.routing = routing;
        this.groups = groups;
        this.ingest = ingest;
        this.services = services;
    }

    /** The demo's integrations by name, its rules in order, and the uptime hook's token. */
    record Setup(Map<String, IntegrationView> integrations, List<RoutingRule> rules, String uptimeToken) {}

    /** What fired: about which service, its alert name, the title people read, its severity. */
    record Alert(ServiceView service, String alertname, String title, String severity, Long incidentId) {}

    /** Creates the integrations and the routing rules (once, before the history is written). */
    Setup setUp() {
        Map<String, ServiceView> byName = new LinkedHashMap<>();
        services.all().forEach(s -> byName.put(s.name(), s));
        Map<String, IntegrationView> created = new LinkedHashMap<>();
        created.put(
                PROMETHEUS,
                integrations
                        .create(PROMETHEUS, IntegrationKind.ALERTMANAGER, null, null, Actor.SYSTEM)
                        .integration());
        created.put(
                GRAFANA,
                integrations
                        .create(GRAFANA, IntegrationKind.GRAFANA, id(byName, "Mobile Backend"), null, Actor.SYSTEM)
                        .integration());
        created.put(
                DATADOG,
                integrations
                        .create(DATADOG, IntegrationKind.PAGERDUTY, null, null, Actor.SYSTEM)
                        .integration());
        Integrations.Created uptime = integrations.create(
                UPTIME,
                IntegrationKind.GENERIC,
                null,
                new GenericMapping("/name", "/id", "/severity", "/state", List.of("up")),
                Actor.SYSTEM);
        created.put(UPTIME, uptime.integration());
        List<RoutingRule> rules = new ArrayList<>();
        rules.add(routing.create(
                "Critical in production declares an incident",
                10,
                RoutingRule.matchers("severity=critical\nenv=production"),
                null,
                RoutingRule.Action.DECLARE,
                null,
                null,
                Actor.SYSTEM));
        rules.add(routing.create(
                "Payments API alerts join its open incident",
                20,
                RoutingRule.matchers("component=payments-api"),
                id(byName, "Payments API"),
                RoutingRule.Action.ATTACH,
                null,
                null,
                Actor.SYSTEM));
        rules.add(routing.create(
                "Checkout and cart alerts go to Checkout",
                30,
                RoutingRule.matchers("component=~checkout|cart"),
                id(byName, "Checkout"),
                RoutingRule.Action.NONE,
                null,
                null,
                Actor.SYSTEM));
        return new Setup(created, List.copyOf(rules), uptime.token());
    }

    /**
     * Writes the group of one past alert: it fired at {@code opened} and repeated a few times while
     * it lasted, its page was acknowledged at {@code acknowledgedAt} (or never), it resolved at
     * {@code resolvedAt}. Returns the group's id.
     */
    long record(
            Setup setup,
            Alert alert,
            Instant opened,
            Instant acknowledgedAt,
            Instant resolvedAt,
            int maxRepeats,
            SplittableRandom r) {
        IntegrationView integration = setup.integrations().get(integrationFor(alert));
        AlertEvent firing = payload(integration.kind(), alert, opened, false);
        AlertEvent resolved = payload(integration.kind(), alert, opened, true);
        List<Instant> fired = new ArrayList<>();
        fired.add(opened);
        long minutes = Duration.between(opened, resolvedAt).toMinutes();
        int repeats = maxRepeats <= 0 ? 0 : r.nextInt(maxRepeats + 1);
        // Alertmanager and Grafana send again every few minutes while the alert fires.
        long every = 3 + r.nextInt(8);
        for (int n = 1; n <= repeats && n * every < minutes; n++) {
            fired.add(opened.plus(Duration.ofMinutes(n * every)));
        }
        Optional<RoutingRule> rule = RoutingRule.first(setup.rules(), firing.fields());
        Long serviceId = rule.map(RoutingRule::serviceId).orElse(alert.service().id());
        return groups.recordHistorical(new HistoricalGroup(
                integration.id(),
                firing,
                fired,
                acknowledgedAt,
                resolvedAt,
                resolved.raw(),
                serviceId,
                alert.incidentId(),
                rule.map(RoutingRule::id).orElse(null)));
    }

    /**
     * Sends the uptime hook three payloads it cannot read, so its "refused payloads" list has
     * examples (kept at the time of generation, through the live hook: nothing of them is stored
     * as an alert). Returns how many were refused.
     */
    int refusedExamples(Setup setup) {
        List<String> bodies = List.of(
                "{\"name\":\"Login page\",\"state\":\"down\",\"region\":\"eu-west-1\"}",
                "{\"id\":\"uptime:status-page:http\",\"state\":\"down\"}",
                "[{\"id\":\"uptime:help-center:http\",\"name\":\"Help Center is down\",\"state\":\"down\"}]");
        int refused = 0;
        for (String body : bodies) {
            try {
                ingest.hook(IntegrationKind.GENERIC, setup.uptimeToken(), body.getBytes(StandardCharsets.UTF_8));
            } catch (PayloadException expected) {
                refused++;
            }
        }
        return refused;
    }

    /** Payments' services report through Datadog, Mobile through Grafana, uptime checks by themselves. */
    private static String integrationFor(Alert alert) {
        if (UPTIME_ALERTS.contains(alert.alertname())) {
            return UPTIME;
        }
        String team =
                alert.service().ownerTeamName() == null ? "" : alert.service().ownerTeamName();
        return switch (team) {
            case "Payments" -> DATADOG;
            case "Mobile" -> GRAFANA;
            default -> PROMETHEUS;
        };
    }

    /** The alert as its integration's payload would carry it, and the fields routing matches on. */
    private static AlertEvent payload(IntegrationKind kind, Alert alert, Instant opened, boolean resolved) {
        String service = alert.service().slug();
        String team = slug(
                alert.service().ownerTeamName() == null
                        ? "unowned"
                        : alert.service().ownerTeamName());
        String instance = service + "-" + (1 + Math.floorMod(alert.title().hashCode(), 3));
        // Alertmanager's fingerprint is a hash of the labels: the same alert on the same service
        // has the same key every time it fires, which is what lets a flapping one be counted.
        String key = alert.incidentId() == null
                ? fingerprint(alert.alertname() + "/" + service)
                : fingerprint(alert.alertname() + "/" + service + "/" + alert.incidentId());
        Map<String, String> fields = new LinkedHashMap<>();
        ObjectNode raw = JSON.createObjectNode();
        String details;
        switch (kind) {
            case PAGERDUTY -> {
                fields.put("summary", alert.title());
                fields.put("source", instance);
                fields.put("severity", alert.severity());
                fields.put("component", service);
                fields.put("group", team);
                fields.put("class", alert.alertname());
                raw.put("routing_key", "…");
                raw.put("event_action", resolved ? "resolve" : "trigger");
                raw.put("dedup_key", key);
                ObjectNode body = raw.putObject("payload");
                fields.forEach(body::put);
                body.put("timestamp", opened.toString());
                details = body.toString();
            }
            case GENERIC -> {
                fields.put("id", "uptime:" + service + ":" + alert.alertname());
                key = fields.get("id");
                fields.put("name", alert.title());
                fields.put("severity", alert.severity());
                fields.put("state", resolved ? "up" : "down");
                fields.put("service", service);
                fields.put("region", "eu-west-1");
                fields.forEach(raw::put);
                raw.put("url", "https://status.example.com/checks/" + service);
                details = raw.toString();
            }
            default -> {
                fields.put("alertname", alert.alertname());
                fields.put("env", "production");
                fields.put("instance", instance);
                fields.put("service", service);
                fields.put("severity", alert.severity());
                fields.put("team", team);
                raw.put("status", resolved ? "resolved" : "firing");
                ObjectNode labels = raw.putObject("labels");
                fields.forEach(labels::put);
                raw.putObject("annotations").put("summary", alert.title());
                raw.put("startsAt", opened.toString());
                raw.put("generatorURL", "https://prometheus.example.com/graph?g0.expr=" + alert.alertname());
                raw.put("fingerprint", key);
                ObjectNode shown = JSON.createObjectNode();
                shown.set("labels", labels);
                shown.set("annotations", raw.get("annotations"));
                shown.put("startsAt", opened.toString());
                details = shown.toString();
            }
        }
        return new AlertEvent(
                resolved ? AlertEvent.Action.RESOLVE : AlertEvent.Action.TRIGGER,
                key,
                alert.title(),
                alert.severity(),
                kind == IntegrationKind.GENERIC ? null : instance,
                details,
                raw.toString(),
                fields);
    }

    private static String fingerprint(String text) {
        UUID uuid = UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits(uuid.getMostSignificantBits());
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static Long id(Map<String, ServiceView> byName, String name) {
        ServiceView service = byName.get(name);
        return service == null ? null : service.id();
    }
}
