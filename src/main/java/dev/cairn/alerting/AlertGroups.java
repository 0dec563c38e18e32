package dev.cairn.alerting;

import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.alerting.internal.AlertStore.Owner;
import dev.cairn.escalation.PageAcknowledged;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading alert groups: what fires, how often, since when. */
@Service
public class AlertGroups {

    private final AlertStore store;
    private final Incidents incidents;

    AlertGroups(AlertStore store, Incidents incidents) {
        this.store = store;
        this.incidents = incidents;
    }

    /** The newest groups of one service or incident, and how many it has in all. */
    public record Recent(List<AlertGroupView> items, int firing, int total) {

        /** Whether there are more than the ones listed. */
        public boolean more() {
            return total > items.size();
        }
    }

    public CursorPage<AlertGroupView> page(String status, Long integrationId, String cursor, int limit) {
        return page(status, integrationId, null, null, cursor, limit, null);
    }

    /**
     * Alert groups, newest first, by any of status, integration, service and incident. Filtering
     * by an incident the actor may not see (a private one) answers "not found", as the incident does.
     */
    public CursorPage<AlertGroupView> page(
            String status, Long integrationId, Long serviceId, Long incidentId, String cursor, int limit, Actor actor) {
        if (status != null && !status.equals(AlertGroupView.FIRING) && !status.equals(AlertGroupView.RESOLVED)) {
            throw new InvalidInputException("status", "must be firing or resolved");
        }
        if (incidentId != null) {
            visible(incidentId, actor);
        }
        return CursorPage.of(
                store.groups(status, integrationId, serviceId, incidentId, CursorPage.decode(cursor), limit + 1),
                limit,
                AlertGroupView::id);
    }

    /** A service's groups, the most recently seen first. */
    public Recent ofService(long serviceId, int limit) {
        return recent(Owner.SERVICE, serviceId, limit);
    }

    /** The groups routed to an incident, the most recently seen first; only for those who may see it. */
    public Recent ofIncident(long incidentId, int limit, Actor actor) {
        visible(incidentId, actor);
        return recent(Owner.INCIDENT, incidentId, limit);
    }

    public AlertGroupView get(long id) {
        return store.group(id).orElseThrow(() -> new NotFoundException("Alert group " + id));
    }

    /**
     * An alert group that belongs to the past (demo history): the alert as read from its payload,
     * when it fired (the first time opened the group, each later one is a repeat), when its page
     * was acknowledged, when and by which payload it resolved (the firing payload when null), and
     * where routing sent it. A past group is always resolved. {@code serviceId}, {@code incidentId} and {@code ruleId} may be
     * null.
     */
    public record HistoricalGroup(
            long integrationId,
            AlertEvent alert,
            List<Instant> fired,
            Instant acknowledgedAt,
            Instant resolvedAt,
            String resolvedRaw,
            Long serviceId,
            Long incidentId,
            Long ruleId) {

        public HistoricalGroup {
            fired = fired == null ? List.of() : List.copyOf(fired);
        }
    }

    /**
     * Writes a past group and its alert events at their own times: nothing is routed, nobody is
     * paged and no event is published (the page it opened, if any, is written by {@code
     * Paging.recordHistorical} with this group's id). Returns the group's id.
     */
    @Transactional
    public long recordHistorical(HistoricalGroup past) {
        if (past.alert() == null || past.alert().action() != AlertEvent.Action.TRIGGER) {
            throw new InvalidInputException("alert", "is required: the firing alert that opened the group");
        }
        if (past.alert().raw() == null || past.alert().raw().isBlank()) {
            throw new InvalidInputException("alert.raw", "is required: the payload as it arrived");
        }
        if (past.fired().isEmpty()) {
            throw new InvalidInputException("fired", "is required: when the alert fired, at least once");
        }
        if (past.resolvedAt() == null) {
            throw new InvalidInputException("resolvedAt", "is required: a past group is resolved");
        }
        Instant first = past.fired().getFirst();
        for (int i = 1; i < past.fired().size(); i++) {
            if (past.fired().get(i).isBefore(past.fired().get(i - 1))) {
                throw new InvalidInputException("fired", "must be in order");
            }
        }
        if (past.resolvedAt().isBefore(past.fired().getLast())) {
            throw new InvalidInputException("resolvedAt", "must not be before the alert last fired");
        }
        if (past.acknowledgedAt() != null
                && (past.acknowledgedAt().isBefore(first)
                        || past.acknowledgedAt().isAfter(past.resolvedAt()))) {
            throw new InvalidInputException("acknowledgedAt", "must be between the first alert and the resolve");
        }
        if (store.integration(past.integrationId()).isEmpty()) {
            throw new InvalidInputException("integrationId", "is not a known integration");
        }
        long id = store.insertHistorical(
                past.integrationId(),
                past.alert(),
                past.fired().size(),
                first,
                past.resolvedAt(),
                past.acknowledgedAt(),
                past.resolvedAt(),
                past.serviceId(),
                past.incidentId(),
                past.ruleId());
        store.insertHistoricalAlerts(
                id,
                past.integrationId(),
                past.fired(),
                past.alert().raw(),
                past.resolvedAt(),
                past.resolvedRaw() == null ? past.alert().raw() : past.resolvedRaw());
        return id;
    }

    /** Someone acknowledged the group's page: the group shows it (in the same transaction). */
    @EventListener
    void pageAcknowledged(PageAcknowledged acknowledged) {
        if (acknowledged.alertGroupId() != null) {
            store.markAcknowledged(acknowledged.alertGroupId(), acknowledged.at());
        }
    }

    /** How many alert events the group received (repeats and its resolve included). */
    public int events(long id) {
        return store.alertCount(id);
    }

    private Recent recent(Owner owner, long id, int limit) {
        Map<String, Integer> counts = store.groupCounts(owner, id);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return new Recent(store.recentGroups(owner, id, limit), counts.getOrDefault(AlertGroupView.FIRING, 0), total);
    }

    private void visible(long incidentId, Actor actor) {
        if (actor == null) {
            throw new IllegalArgumentException("filtering by incident needs the actor, to respect private incidents");
        }
        incidents.get(incidentId, actor);
    }
}
