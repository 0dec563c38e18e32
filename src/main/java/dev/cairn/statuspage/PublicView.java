package dev.cairn.statuspage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the public page shows at one moment, built from published wording only: component names,
 * public titles and messages, maintenance windows. Nothing internal is in here to leak.
 */
public record PublicView(
        String name,
        String description,
        long version,
        Instant builtAt,
        Overall overall,
        List<Group> groups,
        List<ComponentStatus> components,
        List<StatusIncident> active,
        List<Maintenance> inProgress,
        List<Maintenance> upcoming,
        List<StatusIncident> history,
        Map<Long, String> componentNames) {

    /** The headline: the worst current state of any component. */
    public record Overall(String json, String label, String tone) {}

    public record ComponentStatus(
            long id,
            String name,
            String description,
            String group,
            String status,
            String label,
            String tone,
            Uptime.Result uptime) {}

    /** Components under one optional group heading, in display order. */
    public record Group(String name, List<ComponentStatus> components) {}

    static PublicView of(
            String name,
            String description,
            long version,
            List<Component> components,
            List<StatusIncident> incidents,
            List<Maintenance> maintenances,
            Instant now) {
        List<StatusIncident> active = incidents.stream()
                .filter(StatusIncident::active)
                .filter(i -> !i.updates().isEmpty())
                .toList();
        List<Maintenance> inProgress =
                maintenances.stream().filter(m -> m.inProgress(now)).toList();
        List<Maintenance> upcoming =
                maintenances.stream().filter(m -> m.upcoming(now)).toList();
        List<ComponentStatus> statuses = new ArrayList<>();
        Impact worstOverall = Impact.OPERATIONAL;
        boolean anyMaintenance = false;
        for (Component c : components) {
            Impact impact = Impact.OPERATIONAL;
            for (StatusIncident incident : active) {
                impact = impact.worse(incident.impactOn(c.id()));
            }
            boolean maintenance = impact == Impact.OPERATIONAL
                    && inProgress.stream().anyMatch(m -> m.componentIds().contains(c.id()));
            anyMaintenance |= maintenance;
            worstOverall = worstOverall.worse(impact);
            Uptime.Result uptime = Uptime.compute(Uptime.intervals(incidents, c.id(), now), now, Uptime.DAYS);
            statuses.add(new ComponentStatus(
                    c.id(),
                    c.name(),
                    c.description(),
                    c.group(),
                    maintenance ? "under_maintenance" : impact.json(),
                    maintenance ? "Under maintenance" : impact.label(),
                    maintenance ? "info" : tone(impact),
                    uptime));
        }
        Overall overall = overall(worstOverall, anyMaintenance, !active.isEmpty());
        Map<String, List<ComponentStatus>> grouped = new LinkedHashMap<>();
        for (ComponentStatus s : statuses) {
            grouped.computeIfAbsent(s.group() == null ? "" : s.group(), k -> new ArrayList<>())
                    .add(s);
        }
        List<Group> groups = grouped.entrySet().stream()
                .map(e -> new Group(e.getKey().isEmpty() ? null : e.getKey(), List.copyOf(e.getValue())))
                .toList();
        Map<Long, String> names = new LinkedHashMap<>();
        components.forEach(c -> names.put(c.id(), c.name()));
        List<StatusIncident> history = incidents.stream()
                .filter(i -> !i.updates().isEmpty())
                .sorted(Comparator.comparingLong(StatusIncident::id).reversed())
                .toList();
        return new PublicView(
                name,
                description,
                version,
                now,
                overall,
                groups,
                List.copyOf(statuses),
                active,
                inProgress,
                upcoming,
                history,
                names);
    }

    private static Overall overall(Impact worst, boolean maintenance, boolean anyActive) {
        return switch (worst) {
            case MAJOR_OUTAGE -> new Overall("major_outage", "Major outage", "danger");
            case PARTIAL_OUTAGE -> new Overall("partial_outage", "Partial outage", "warning");
            case DEGRADED -> new Overall("degraded", "Degraded performance", "warning");
            case OPERATIONAL ->
                maintenance
                        ? new Overall("under_maintenance", "Maintenance in progress", "info")
                        : anyActive
                                ? new Overall("incident", "An incident is being handled", "warning")
                                : new Overall("operational", "All systems operational", "success");
        };
    }

    static String tone(Impact impact) {
        return switch (impact) {
            case OPERATIONAL -> "success";
            case DEGRADED -> "warning";
            case PARTIAL_OUTAGE -> "orange";
            case MAJOR_OUTAGE -> "danger";
        };
    }

    /** Names of the components an update affects, with their impact, in page order. */
    public List<String> impactsOf(StatusIncident.Update update) {
        List<String> out = new ArrayList<>();
        componentNames.forEach((id, component) -> {
            Impact impact = update.impacts().get(id);
            if (impact != null && impact != Impact.OPERATIONAL) {
                out.add(component + ": " + impact.label());
            }
        });
        return out;
    }
}
