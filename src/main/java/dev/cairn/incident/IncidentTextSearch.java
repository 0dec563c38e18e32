package dev.cairn.incident;

import java.util.Set;

/**
 * Finds incidents whose timeline mentions a text. Implemented by the timeline module (which owns
 * that text), so the incident list can search it without reading the timeline's tables.
 */
public interface IncidentTextSearch {

    Set<Long> incidentsMentioning(String query, int limit);
}
