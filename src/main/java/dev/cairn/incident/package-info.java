/**
 * The incident aggregate: severity, status lifecycle, type (default, drill, private), key
 * timestamps, roles and participants. Every change is published as an {@link
 * dev.cairn.incident.IncidentChanged} event that the timeline records.
 */
package dev.cairn.incident;
