package dev.cairn.alerting.internal;

import dev.cairn.alerting.AlertEvent;
import dev.cairn.alerting.AlertEvent.Action;
import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.PayloadException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the payloads of each kind of integration into {@link AlertEvent}s. Pure functions of the
 * bytes: every refusal is a {@link PayloadException} naming the field.
 */
public final class Payloads {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {}

    public static JsonNode json(byte[] body) {
        if (body.length == 0) {
            throw new PayloadException("body", "is empty");
        }
        try {
            return JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new PayloadException("body", "is not valid JSON");
        }
    }

    /**
     * Prometheus Alertmanager webhook, payload version 4; Grafana's alerting webhook has the same
     * shape ({@code alerts[]} with status, labels, annotations, fingerprint) plus fields we ignore.
     */
    public static List<AlertEvent> alertmanager(JsonNode root) {
        if (!root.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        JsonNode version = root.get("version");
        if (version != null
                && version.isString()
                && !version.asString().equals("4")
                && !version.asString().equals("1")) {
            throw new PayloadException("version", "must be 4 (Alertmanager webhook payload version)");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new PayloadException("alerts", "must be an array");
        }
        String groupKey = text(root.get("groupKey"));
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            String at = "alerts[" + i + "]";
            if (!alert.isObject()) {
                throw new PayloadException(at, "must be an object");
            }
            String status = text(alert.get("status"));
            Action action = switch (status == null ? "" : status) {
                case "firing", "alerting" -> Action.TRIGGER;
                case "resolved", "ok" -> Action.RESOLVE;
                default -> throw new PayloadException(at + ".status", "must be firing or resolved");
            };
            JsonNode labels = alert.get("labels");
            if (labels == null || !labels.isObject()) {
                throw new PayloadException(at + ".labels", "must be an object");
            }
            JsonNode annotations = alert.get("annotations");
            if (annotations != null && !annotations.isObject()) {
                throw new PayloadException(at + ".annotations", "must be an object");
            }
            String fingerprint = text(alert.get("fingerprint"));
            String dedupKey = fingerprint != null && !fingerprint.isBlank() ? fingerprint : labelHash(labels);
            String title = firstText(annotations, "summary", "title", "description");
            if (title == null) {
                title = firstText(labels, "alertname");
            }
            ObjectNode details = JSON.createObjectNode();
            details.set("labels", labels);
            if (annotations != null) {
                details.set("annotations", annotations);
            }
            copy(alert, details, "startsAt", "endsAt", "generatorURL");
            if (groupKey != null) {
                details.put("groupKey", groupKey);
            }
            events.add(new AlertEvent(
                    action,
                    dedupKey,
                    title,
                    firstText(labels, "severity"),
                    firstText(labels, "instance", "job", "service"),
                    details.toString(),
                    alert.toString(),
                    strings(labels)));
        }
        return events;
    }

    /** PagerDuty Events API v2: one event per request, addressed by its routing key. */
    public record PagerDutyEvent(String routingKey, AlertEvent event, boolean generatedKey) {}

    public static PagerDutyEvent pagerDuty(JsonNode root, String generatedKey) {
        if (!root.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        String routingKey = text(root.get("routing_key"));
        if (routingKey == null || routingKey.isBlank()) {
            throw new PayloadException("routing_key", "is missing or blank");
        }
        String actionText = text(root.get("event_action"));
        Action action = switch (actionText == null ? "" : actionText) {
            case "trigger" -> Action.TRIGGER;
            case "acknowledge" -> Action.ACKNOWLEDGE;
            case "resolve" -> Action.RESOLVE;
            default -> throw new PayloadException("event_action", "must be trigger, acknowledge or resolve");
        };
        String dedupKey = text(root.get("dedup_key"));
        boolean generated = false;
        if (dedupKey == null || dedupKey.isBlank()) {
            if (action != Action.TRIGGER) {
                throw new PayloadException("dedup_key", "is required to " + actionText);
            }
            dedupKey = generatedKey;
            generated = true;
        }
        String summary = null;
        String severity = null;
        String source = null;
        String details = null;
        JsonNode payload = root.get("payload");
        if (action == Action.TRIGGER) {
            if (payload == null || !payload.isObject()) {
                throw new PayloadException("payload", "is missing or not an object");
            }
            summary = text(payload.get("summary"));
            if (summary == null || summary.isBlank()) {
                throw new PayloadException("payload.summary", "is missing or blank");
            }
            if (summary.length() > 1024) {
                throw new PayloadException("payload.summary", "must be at most 1024 characters");
            }
            source = text(payload.get("source"));
            if (source == null || source.isBlank()) {
                throw new PayloadException("payload.source", "is missing or blank");
            }
            severity = text(payload.get("severity"));
            if (severity == null
                    || !List.of("critical", "error", "warning", "info").contains(severity)) {
                throw new PayloadException("payload.severity", "must be critical, error, warning or info");
            }
            details = payload.toString();
        }
        Map<String, String> fields = new TreeMap<>();
        if (payload != null && payload.isObject()) {
            for (String field : List.of("summary", "source", "severity", "component", "group", "class")) {
                String value = text(payload.get(field));
                if (value != null) {
                    fields.put(field, value);
                }
            }
        }
        return new PagerDutyEvent(
                routingKey,
                new AlertEvent(action, dedupKey, summary, severity, source, details, root.toString(), fields),
                generated);
    }

    /** A generic JSON webhook read through the integration's own mapping. */
    public static List<AlertEvent> generic(JsonNode root, GenericMapping mapping) {
        if (!root.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        String dedupKey = scalar(root.at(mapping.dedupKey()));
        if (dedupKey == null || dedupKey.isBlank()) {
            throw new PayloadException("dedupKey", "nothing at JSON pointer " + mapping.dedupKey());
        }
        String title = scalar(root.at(mapping.title()));
        if (title == null || title.isBlank()) {
            throw new PayloadException("title", "nothing at JSON pointer " + mapping.title());
        }
        String status = mapping.status() == null ? null : scalar(root.at(mapping.status()));
        boolean resolved =
                status != null && mapping.resolvedValues().stream().anyMatch(v -> v.equalsIgnoreCase(status.strip()));
        String severity = mapping.severity() == null ? null : scalar(root.at(mapping.severity()));
        return List.of(new AlertEvent(
                resolved ? Action.RESOLVE : Action.TRIGGER,
                dedupKey,
                title,
                severity,
                null,
                root.toString(),
                root.toString(),
                strings(root)));
    }

    /** The scalar members of an object as strings: what routing rules match on. */
    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new TreeMap<>();
        object.properties().forEach(e -> {
            String value = scalar(e.getValue());
            if (value != null) {
                values.put(e.getKey(), value);
            }
        });
        return values;
    }

    private static String labelHash(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        labels.properties().forEach(e -> sorted.put(e.getKey(), String.valueOf(text(e.getValue()))));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sorted.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value != null) {
                to.set(field, value);
            }
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        if (node == null) {
            return null;
        }
        for (String field : fields) {
            String value = text(node.get(field));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isString() ? null : node.asString();
    }

    private static String scalar(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
            return null;
        }
        return node.isString() ? node.asString() : node.toString().toLowerCase(Locale.ROOT);
    }
}
