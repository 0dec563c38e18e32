package dev.cairn.guidance;

/**
 * An item of an incident's checklist was ticked or unticked, published in the ticking transaction
 * (the Slack app edits the checklist message it posted).
 */
public record ChecklistTicked(long incidentId, long itemId, boolean ticked, long userId) {}
