package dev.cairn.guidance;

import java.util.List;

/** An incident's checklist and its open nudges. */
public record IncidentChecklist(long incidentId, List<IncidentChecklistItem> items, List<Nudge> nudges) {

    public long done() {
        return items.stream().filter(IncidentChecklistItem::ticked).count();
    }
}
