package dev.cairn.alerting;

import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.alerting.internal.AlertStore.Owner;
import dev.cairn.escalation.PageAcknowledged;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

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
