package dev.cairn.guidance;

import dev.cairn.incident.IncidentRole;

/**
 * An item of a default checklist: the checklist of a severity ({@code severity} set) or of a role
 * ({@code role} set), in {@code position} order.
 */
public record ChecklistItem(long id, String severity, IncidentRole role, int position, String text) {

    /** The list this item is on, as used in forms and anchors: {@code SEV1} or {@code role:commander}. */
    public String list() {
        return severity != null ? severity : "role:" + role.json();
    }
}
