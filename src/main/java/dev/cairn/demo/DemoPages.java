package dev.cairn.demo;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.EscalationPolicy;
import dev.cairn.escalation.Paging;
import dev.cairn.escalation.Paging.HistoricalPage;
import dev.cairn.escalation.TargetKind;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.oncall.OnCall;
import dev.cairn.oncall.OnCallAt;
import dev.cairn.oncall.Schedule;
import dev.cairn.oncall.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pages in the demo history, so the load view's "pages received" is not empty: one for each real
 * demo incident (opened a little before it was declared, acknowledged by whoever was on call,
 * sometimes only after the second step reached the team), and alerts that never became incidents,
 * at any hour of the day and night, most of them acknowledged and all cleared within the hour.
 * Written through {@link Paging#recordHistorical}, so nobody is notified and nothing is scheduled.
 * Every page has the alert group that opened it ({@link DemoAlerts}): same title and service,
 * resolved with the page, linked to the incident; some uptime checks flap, reopening a few times
 * within hours. Deterministic: the same incidents and the same now give the same pages and alerts.
 */
@Component
class DemoPages {

    private static final Logger log = LoggerFactory.getLogger(DemoPages.class);

    /** Pages that never became incidents, per escalation policy, over the history. */
    static final int NOISE_PER_POLICY = 36;

    private static final List<String> ALERTS = List.of(
            "Error rate above 2 %% on %s",
            "p99 latency above 2 s on %s",
            "Disk usage above 85 %% on a %s node",
            "Queue lag above 5 min on %s",
            "Health check flapping on %s",
            "Certificate of %s expires in 7 days");

    /** The alert names behind {@link #ALERTS}, in the same order. */
    private static final List<String> ALERT_NAMES = List.of(
            "HighErrorRate",
            "HighLatencyP99",
            "DiskUsageHigh",
            "QueueLagHigh",
            "HealthCheckFlapping",
            "CertificateExpiring");

    private static final int FLAPPING = 4;

    /** What an incident's first alert was named. */
    private static final List<String> INCIDENT_ALERTS = List.of("HighErrorRate", "SLOBurnRate", "HighLatencyP99");

    private final Paging paging;
    private final EscalationPolicies policies;
    private final Schedules schedules;
    private final Teams teams;
    private final Incidents incidents;
    private final Services services;
    private final DemoAlerts alerts;

    DemoPages(
            Paging paging,
            EscalationPolicies policies,
            Schedules schedules,
            Teams teams,
            Incidents incidents,
            Services services,
            DemoAlerts alerts) {
        this.services = services;
        this.alerts = alerts;
        this.paging = paging;
        this.policies = policies;
        this.schedules = schedules;
        this.teams = teams;
        this.incidents = incidents;
    }

    private record Route(EscalationPolicy policy, Schedule schedule, List<Long> team, List<ServiceView> services) {}

    /**
     * The demo's integrations and rules, the randomness of the alerts (apart from the pages', so
     * that the pages stay what they were), and the time spent writing alerts, for the log.
     */
    private static final class Signals {
        final DemoAlerts.Setup setup;
        final SplittableRandom random;
        long nanos;

        Signals(DemoAlerts.Setup setup, SplittableRandom random) {
            this.setup = setup;
            this.random = random;
        }
    }

    /** Returns how many pages were written. */
    int write(List<Long> incidentIds, Instant now) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(incidentIds.size() * 7919L + 17);
        Signals signals = new Signals(alerts.setUp(), new SplittableRandom(incidentIds.size() * 104_729L + 31));
        int refused = alerts.refusedExamples(signals.setup);
        signals.nanos = System.nanoTime() - started;
        Map<Long, ServiceView> catalog = new HashMap<>();
        services.all().forEach(s -> catalog.put(s.id(), s));
        List<Route> routes = new ArrayList<>();
        for (EscalationPolicy policy : policies.all()) {
            route(policy, catalog).ifPresent(routes::add);
        }
        if (routes.isEmpty() || incidentIds.isEmpty()) {
            return 0;
        }
        // Pages are planned first and written oldest first, so that ids follow time as they do
        // live: the Alerts and Pages lists, newest first by id, open on the latest ones.
        List<Planned> planned = new ArrayList<>();
        Instant first = now;
        for (long id : incidentIds) {
            Incident incident = incidents.get(id, Actor.SYSTEM);
            if (incident.declaredAt().isBefore(first)) {
                first = incident.declaredAt();
            }
            if (incident.type() == IncidentType.DRILL || incident.services().isEmpty()) {
                continue;
            }
            ServiceView service = catalog.get(incident.services().getFirst().id());
            Optional<Route> route = policies.forService(service.id())
                    .flatMap(pid ->
                            routes.stream().filter(r -> r.policy().id() == pid).findFirst());
            if (route.isEmpty()) {
                continue;
            }
            Instant opened = (incident.detectedAt() != null ? incident.detectedAt() : incident.declaredAt())
                    .minus(Duration.ofMinutes(1 + random.nextInt(4)));
            Instant end = incident.resolvedAt() != null
                    ? incident.resolvedAt()
                    : opened.plus(Duration.ofMinutes(30 + random.nextInt(60)));
            DemoAlerts.Alert alert = new DemoAlerts.Alert(
                    service,
                    INCIDENT_ALERTS.get(signals.random.nextInt(INCIDENT_ALERTS.size())),
                    incident.title(),
                    alertSeverity(incident.severity()),
                    id);
            plan(route.get(), alert, opened, end, "Resolved with " + incident.reference(), 12, random)
                    .ifPresent(planned::add);
        }
        long span = Duration.between(first, now).toMinutes();
        for (Route route : routes) {
            for (int n = 0;
                    n < NOISE_PER_POLICY && span > 120 && !route.services().isEmpty();
                    n++) {
                ServiceView service =
                        route.services().get(random.nextInt(route.services().size()));
                Instant opened = first.plus(Duration.ofMinutes(random.nextLong(span - 120)));
                int kind = random.nextInt(ALERTS.size());
                String title = String.format(ALERTS.get(kind), service.name());
                Instant end = opened.plus(Duration.ofMinutes(4 + random.nextInt(50)));
                DemoAlerts.Alert alert = new DemoAlerts.Alert(
                        service,
                        ALERT_NAMES.get(kind),
                        title,
                        kind == 0 && signals.random.nextInt(3) == 0 ? "error" : "warning",
                        null);
                if (kind == FLAPPING && signals.random.nextInt(2) == 0) {
                    // A flapping check: down a few minutes, up, down again, three or four times in
                    // a couple of hours. Each time is a new alert group and a new page.
                    int times = 3 + signals.random.nextInt(2);
                    Instant down = opened;
                    for (int k = 0; k < times && n < NOISE_PER_POLICY; k++, n++) {
                        Instant up = down.plus(Duration.ofMinutes(2 + signals.random.nextInt(7)));
                        plan(route, alert, down, up, "Alert cleared", 0, random).ifPresent(planned::add);
                        down = up.plus(Duration.ofMinutes(10 + signals.random.nextInt(30)));
                    }
                    continue;
                }
                plan(route, alert, opened, end, "Alert cleared", 3, random).ifPresent(planned::add);
            }
        }
        planned.sort(Comparator.comparing(Planned::opened));
        for (Planned page : planned) {
            write(page, signals);
        }
        int written = planned.size();
        log.info(
                "event=demo_pages_created pages={} alert_groups={} integrations={} routing_rules={} refused_payloads={}"
                        + " took_ms={} alerts_ms={}",
                written,
                written,
                signals.setup.integrations().size(),
                signals.setup.rules().size(),
                refused,
                (System.nanoTime() - started) / 1_000_000,
                signals.nanos / 1_000_000);
        return written;
    }

    /** Alert severities as monitoring tools name them, for an incident's severity. */
    private static String alertSeverity(String incidentSeverity) {
        return switch (incidentSeverity) {
            case "SEV1" -> "critical";
            case "SEV2" -> "error";
            default -> "warning";
        };
    }

    /** A page to write, and the alert that opened it. */
    private record Planned(
            Route route,
            DemoAlerts.Alert alert,
            Instant opened,
            List<HistoricalPage.Notified> notified,
            Long acknowledgedBy,
            Instant acknowledgedAt,
            Instant resolvedAt,
            String reason,
            int maxRepeats) {}

    /** One page through the route; empty when nobody was on call then. */
    private Optional<Planned> plan(
            Route route,
            DemoAlerts.Alert alert,
            Instant opened,
            Instant end,
            String reason,
            int maxRepeats,
            SplittableRandom r) {
        Long incidentId = alert.incidentId();
        Optional<OnCallAt> onCall = OnCall.whoIsOnCall(route.schedule(), opened);
        if (onCall.isEmpty()) {
            return Optional.empty();
        }
        long first = onCall.get().userId();
        List<HistoricalPage.Notified> notified = new ArrayList<>();
        notified.add(new HistoricalPage.Notified(first, opened));
        Long acknowledgedBy = first;
        Instant acknowledgedAt = opened.plus(Duration.ofMinutes(1 + r.nextInt(9)));
        int step = route.policy().steps().getFirst().delayMinutes();
        if (r.nextInt(6) == 0) {
            // Nobody answered the first step: the second one reaches the whole team.
            Instant second = opened.plus(Duration.ofMinutes(step));
            List<Long> others =
                    route.team().stream().filter(u -> u != first).limit(4).toList();
            others.forEach(u -> notified.add(new HistoricalPage.Notified(u, second)));
            acknowledgedBy = others.isEmpty() ? null : others.get(r.nextInt(others.size()));
            acknowledgedAt = second.plus(Duration.ofMinutes(1 + r.nextInt(6)));
        }
        if (incidentId == null && r.nextInt(5) == 0) {
            acknowledgedBy = null; // cleared before anyone acknowledged it
        }
        if (acknowledgedBy == null || !acknowledgedAt.isBefore(end)) {
            acknowledgedBy = null;
            acknowledgedAt = null;
        }
        Instant resolvedAt = end.isAfter(opened) ? end : opened.plusSeconds(60);
        return Optional.of(new Planned(
                route, alert, opened, notified, acknowledgedBy, acknowledgedAt, resolvedAt, reason, maxRepeats));
    }

    /** The alert group first, then the page it opened. */
    private void write(Planned page, Signals signals) {
        long writing = System.nanoTime();
        long group = alerts.record(
                signals.setup,
                page.alert(),
                page.opened(),
                page.acknowledgedAt(),
                page.resolvedAt(),
                page.maxRepeats(),
                signals.random);
        signals.nanos += System.nanoTime() - writing;
        paging.recordHistorical(new HistoricalPage(
                page.route().policy().id(),
                group,
                page.alert().incidentId(),
                page.alert().title(),
                page.opened(),
                page.notified(),
                page.acknowledgedBy(),
                page.acknowledgedAt(),
                page.resolvedAt(),
                page.reason()));
    }

    private Optional<Route> route(EscalationPolicy policy, Map<Long, ServiceView> catalog) {
        if (policy.steps().isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> scheduleId = policy.steps().getFirst().targets().stream()
                .filter(t -> t.kind() == TargetKind.SCHEDULE)
                .map(EscalationPolicy.Target::id)
                .findFirst();
        if (scheduleId.isEmpty()) {
            return Optional.empty();
        }
        List<Long> team = policy.teamId() == null
                ? List.of()
                : teams.find(policy.teamId())
                        .map(t -> t.members().stream()
                                .filter(UserView::active)
                                .map(UserView::id)
                                .sorted(Comparator.naturalOrder())
                                .toList())
                        .orElse(List.of());
        List<ServiceView> owned = catalog.values().stream()
                .filter(s -> policy.serviceIds().contains(s.id()))
                .sorted(Comparator.comparing(ServiceView::name))
                .toList();
        return Optional.of(new Route(policy, schedules.get(scheduleId.get()).schedule(), team, owned));
    }
}
