package dev.cairn.escalation;

/** Opens a page through a policy, for an alert group and/or an incident, or by hand. */
public record OpenPage(long policyId, Long alertGroupId, Long incidentId, String title, String details) {}
