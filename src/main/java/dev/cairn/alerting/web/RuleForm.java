package dev.cairn.alerting.web;

import dev.cairn.alerting.RoutingRule;
import java.util.Map;

/**
 * What the "add a rule" form sent, kept as typed so a refused form comes back as it was. Matchers
 * are lines of {@code label=value}, {@code label!=value}, {@code label=~regex}, {@code label!~regex}.
 */
record RuleForm(
        String name,
        String matchers,
        String serviceId,
        String action,
        String severity,
        String position,
        String policyId) {

    static RuleForm empty() {
        return new RuleForm("", "", "", RoutingRule.Action.NONE.json(), "", "", "");
    }

    /** The form's service, or null for the integration's own; a value that is not a number is put in {@code errors}. */
    Long service(Map<String, String> errors) {
        return number(serviceId, "serviceId", "is not a known service", errors);
    }

    /** The escalation policy that pages, or null for the service's own. */
    Long policy(Map<String, String> errors) {
        return number(policyId, "policyId", "is not a known escalation policy", errors);
    }

    /** The position, or null to put the rule last. */
    Integer at(Map<String, String> errors) {
        Long at = number(position, "position", "must be a whole number", errors);
        if (at != null && (at < 0 || at > 1_000_000)) {
            errors.put("position", "must be between 0 and 1000000");
            return null;
        }
        return at == null ? null : at.intValue();
    }

    /** The severity an incident it declares gets, or null for the alert's own, mapped. */
    String chosenSeverity() {
        return severity == null || severity.isBlank() ? null : severity.strip();
    }

    private static Long number(String value, String field, String reason, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, reason);
            return null;
        }
    }
}
