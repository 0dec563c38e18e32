package dev.cairn.alerting;

import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import org.springframework.stereotype.Service;

/** Reading alert groups: what fires, how often, since when. */
@Service
public class AlertGroups {

    private final AlertStore store;

    AlertGroups(AlertStore store) {
        this.store = store;
    }

    public CursorPage<AlertGroupView> page(String status, Long integrationId, String cursor, int limit) {
        return page(status, integrationId, null, null, cursor, limit);
    }

    public CursorPage<AlertGroupView> page(
            String status, Long integrationId, Long serviceId, Long incidentId, String cursor, int limit) {
        if (status != null && !status.equals(AlertGroupView.FIRING) && !status.equals(AlertGroupView.RESOLVED)) {
            throw new InvalidInputException("status", "must be firing or resolved");
        }
        return CursorPage.of(
                store.groups(status, integrationId, serviceId, incidentId, CursorPage.decode(cursor), limit + 1),
                limit,
                AlertGroupView::id);
    }

    public AlertGroupView get(long id) {
        return store.group(id).orElseThrow(() -> new NotFoundException("Alert group " + id));
    }

    /** How many alert events the group received (repeats and its resolve included). */
    public int events(long id) {
        return store.alertCount(id);
    }
}
