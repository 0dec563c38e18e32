package dev.cairn.guidance;

/**
 * A new or changed default checklist item. On creation exactly one of {@code severity} and {@code
 * role} names its list; {@code position} (1-based) is optional: the end of the list by default.
 */
public record ChecklistItemInput(String severity, String role, String text, Integer position) {}
