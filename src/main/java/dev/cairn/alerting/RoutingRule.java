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
 * {@code policyId} names the escalation policy that pages for the alert; without it, the policy of
 * the alert's service pages.
 */
public record RoutingRule(
        long id,
        int position,
        String name,
        List<Matcher> matchers,
        Long serviceId,
        Action action,
        String severity,
        boolean active,
        Long policyId) {

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

        /**
         * One matcher as people write it: {@code label=value}, {@code label!=value}, {@code
         * label=~regex} or {@code label!~regex}; the operator is the first one in the line, spaces
         * around label and value are dropped, and a value in double quotes is taken as is.
         */
        public static Matcher parse(String line) {
            String text = line == null ? "" : line.strip();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                String op = null;
                if (c == '!' && (next == '=' || next == '~')) {
                    op = "!" + next;
                } else if (c == '=') {
                    op = next == '~' ? "=~" : "=";
                }
                if (op != null) {
                    return new Matcher(
                            text.substring(0, i).strip(),
                            op,
                            unquote(text.substring(i + op.length()).strip()));
                }
            }
            throw new InvalidInputException(
                    "matchers.op", "is missing: write label=value, label!=value, label=~regex or label!~regex");
        }

        /** The matcher as {@link #parse} reads it back, e.g. {@code severity=~critical|error}. */
        public String text() {
            boolean quote = value.isEmpty() || !value.equals(value.strip()) || value.startsWith("\"");
            return label + op + (quote ? "\"" + value + "\"" : value);
        }

        private static String unquote(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1)
                    : value;
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

    /**
     * Matchers written one per line (see {@link Matcher#parse}); blank lines and lines starting
     * with {@code #} are skipped. A wrong line is named in the error, with what it says.
     */
    public static List<Matcher> matchers(String lines) {
        List<Matcher> matchers = new java.util.ArrayList<>();
        String[] all = lines == null ? new String[0] : lines.split("\\R");
        for (int n = 0; n < all.length; n++) {
            String line = all[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                matchers.add(Matcher.parse(line));
            } catch (InvalidInputException e) {
                String part = e.field().replaceFirst("^matchers\\.", "").replace("op", "operator");
                throw new InvalidInputException(
                        "matchers", "line " + (n + 1) + " (" + line + "): " + part + " " + e.getMessage());
            }
        }
        return List.copyOf(matchers);
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
