package dev.cairn.demo;

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
import java.util.List;
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
 * Deterministic: the same incidents and the same now give the same pages.
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

    private final Paging paging;
    private final EscalationPolicies policies;
    private final Schedules schedules;
    private final Teams teams;
    private final Incidents incidents;
    private final Services services;

    DemoPages(
            Paging paging,
            EscalationPolicies policies,
            Schedules schedules,
            Teams teams,
            Incidents incidents,
            Services services) {
        this.services = services;
        this.paging = paging;
        this.policies = policies;
        this.schedules = schedules;
        this.teams = teams;
        this.incidents = incidents;
    }

    private record Route(EscalationPolicy policy, Schedule schedule, List<Long> team, List<String> services) {}

    /** Returns how many pages were written. */
    int write(List<Long> incidentIds, Instant now) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(incidentIds.size() * 7919L + 17);
        List<Route> routes = new ArrayList<>();
        for (EscalationPolicy policy : policies.all()) {
            route(policy).ifPresent(routes::add);
        }
        if (routes.isEmpty() || incidentIds.isEmpty()) {
            return 0;
        }
        int written = 0;
        Instant first = now;
        for (long id : incidentIds) {
            Incident incident = incidents.get(id, Actor.SYSTEM);
            if (incident.declaredAt().isBefore(first)) {
                first = incident.declaredAt();
            }
            if (incident.type() == IncidentType.DRILL || incident.services().isEmpty()) {
                continue;
            }
            Optional<Route> route = policies.forService(
                            incident.services().getFirst().id())
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
            if (page(route.get(), id, incident.title(), opened, end, "Resolved with " + incident.reference(), random)) {
                written++;
            }
        }
        long span = Duration.between(first, now).toMinutes();
        for (Route route : routes) {
            for (int n = 0; n < NOISE_PER_POLICY && span > 120; n++) {
                String service = route.services().isEmpty()
                        ? route.policy().name()
                        : route.services().get(random.nextInt(route.services().size()));
                Instant opened = first.plus(Duration.ofMinutes(random.nextLong(span - 120)));
                String title = String.format(ALERTS.get(random.nextInt(ALERTS.size())), service);
                Instant end = opened.plus(Duration.ofMinutes(4 + random.nextInt(50)));
                if (page(route, null, title, opened, end, "Alert cleared", random)) {
                    written++;
                }
            }
        }
        log.info("event=demo_pages_created pages={} took_ms={}", written, (System.nanoTime() - started) / 1_000_000);
        return written;
    }

    /** One page through the route; false when nobody was on call then. */
    private boolean page(
            Route route,
            Long incidentId,
            String title,
            Instant opened,
            Instant end,
            String reason,
            SplittableRandom r) {
        Optional<OnCallAt> onCall = OnCall.whoIsOnCall(route.schedule(), opened);
        if (onCall.isEmpty()) {
            return false;
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
        paging.recordHistorical(new HistoricalPage(
                route.policy().id(),
                incidentId,
                title,
                opened,
                notified,
                acknowledgedBy,
                acknowledgedAt,
                end.isAfter(opened) ? end : opened.plusSeconds(60),
                reason));
        return true;
    }

    private Optional<Route> route(EscalationPolicy policy) {
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
        List<String> names = services.all().stream()
                .filter(s -> policy.serviceIds().contains(s.id()))
                .map(s -> s.name())
                .sorted()
                .toList();
        return Optional.of(new Route(policy, schedules.get(scheduleId.get()).schedule(), team, names));
    }
}
