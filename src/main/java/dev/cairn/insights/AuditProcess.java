package dev.cairn.insights;

import java.util.List;

/**
 * The incident process as it is configured in Cairn when the report is made: severity levels,
 * incident roles, escalation policies, checklists, and the review policy.
 */
public record AuditProcess(
        List<SeverityLevel> severities,
        List<RoleDuty> roles,
        List<Escalation> escalationPolicies,
        List<Checklist> checklists,
        String reviewPolicy) {

    public record SeverityLevel(String code, String name, String description) {}

    public record RoleDuty(String role, String label, String holders) {}

    /** A policy and its steps in words ("after 10 min: schedule Primary"). */
    public record Escalation(String name, String description, int repeat, List<String> steps) {}

    /** A default checklist (a severity's or a role's) and how many items it has. */
    public record Checklist(String list, int items) {}
}
