package dev.cairn.alerting;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A routing rule: when all its matchers match a new alert's fields (labels for Alertmanager and
 * Grafana; summary, source, severity, component, group, class for PagerDuty; top-level fields for
 * generic webhooks), the alert belongs to the rule's service, and the rule may declare an incident
 * (severity from the alert unless the rule sets one) or attach the alert to the service's open one.
 */
public record RoutingRule(
        long id,
        int position,
        String name,
        List<Matcher> matchers,
        Long serviceId,
        Action action,
        String severity,
        boolean active) {

    public enum Action {
        NONE,
        DECLARE,
        ATTACH;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Action parse(String value) {
            for (Action action : values()) {
                if (action.json().equals(value)) {
                    return action;
                }
            }
            throw new InvalidInputException("action", "must be one of none, declare, attach");
        }
    }

    /** {@code label op value} with op one of {@code =}, {@code !=}, {@code =~}, {@code !~} (regex, whole value). */
    public record Matcher(String label, String op, String value) {

        public Matcher {
            if (label == null || label.isBlank()) {
                throw new InvalidInputException("matchers.label", "is required");
            }
            if (op == null || !List.of("=", "!=", "=~", "!~").contains(op)) {
                throw new InvalidInputException("matchers.op", "must be one of =, !=, =~, !~");
            }
            if (value == null) {
                throw new InvalidInputException("matchers.value", "is required");
            }
            if (op.endsWith("~")) {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new InvalidInputException("matchers.value", "is not a valid regular expression");
                }
            }
        }

        public boolean matches(Map<String, String> fields) {
            String actual = fields.getOrDefault(label, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> Pattern.compile(value).matcher(actual).matches();
                default -> !Pattern.compile(value).matcher(actual).matches();
            };
        }
    }

    public boolean matches(Map<String, String> fields) {
        return active && matchers.stream().allMatch(m -> m.matches(fields));
    }

    /** The first active rule, in order, whose matchers all match; empty when none does. */
    public static java.util.Optional<RoutingRule> first(List<RoutingRule> rules, Map<String, String> fields) {
        return rules.stream()
                .sorted(java.util.Comparator.comparingInt(RoutingRule::position).thenComparingLong(RoutingRule::id))
                .filter(rule -> rule.matches(fields))
                .findFirst();
    }

    /** Alert severities as monitoring tools name them, mapped to incident severities. */
    public static String incidentSeverity(String alertSeverity) {
        String s = alertSeverity == null ? "" : alertSeverity.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "critical", "page", "p1", "sev1", "emergency", "fatal" -> "SEV1";
            case "error", "high", "major", "p2", "sev2" -> "SEV2";
            case "warning", "warn", "medium", "minor", "p3", "sev3" -> "SEV3";
            default -> "SEV4";
        };
    }
}
