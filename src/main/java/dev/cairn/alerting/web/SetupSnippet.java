package dev.cairn.alerting.web;

import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.IntegrationView;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ready-to-paste configuration for the sender, shown with the secret URL: people copy one block
 * instead of translating docs at the moment they wire up paging.
 */
final class SetupSnippet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SetupSnippet() {}

    /** A title for the block and its text. */
    record Snippet(String heading, String text, String note) {

        public int rows() {
            return (int) text.lines().count() + 1;
        }
    }

    static Snippet of(IntegrationView integration, HookUrls.HookUrl hook) {
        return switch (integration.kind()) {
            case ALERTMANAGER ->
                new Snippet(
                        "alertmanager.yml",
                        """
                        receivers:
                          - name: cairn
                            webhook_configs:
                              - url: '%s'
                                send_resolved: true
                        """.formatted(hook.url()),
                        "Then route alerts to the receiver named cairn in the route tree.");
            case GRAFANA ->
                new Snippet(
                        "Grafana contact point",
                        """
                        Alerting → Contact points → Add contact point
                          Integration: Webhook
                          URL: %s
                          HTTP method: POST
                          Disable resolved message: off
                        """.formatted(hook.url()),
                        "Then use the contact point in a notification policy.");
            case PAGERDUTY ->
                new Snippet(
                        "Try it with curl (PagerDuty Events API v2)",
                        """
                        curl -X POST '%s' \\
                          -H 'Content-Type: application/json' \\
                          -d '{"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk-full-db1",
                               "payload": {"summary": "Disk full on db1", "source": "db1", "severity": "critical"}}'
                        """.formatted(hook.url(), hook.routingKey()),
                        "In a tool that pages PagerDuty, replace PagerDuty's events URL with the one above and use"
                                + " the routing key as its integration key.");
            case GENERIC ->
                new Snippet(
                        "Try it with curl",
                        """
                        curl -X POST '%s' \\
                          -H 'Content-Type: application/json' \\
                          -d '%s'
                        """.formatted(hook.url(), sample(integration.mapping()).replace("'", "'\\''")),
                        "The body is an example built from your JSON pointers; your tool sends its own.");
        };
    }

    /** A body in which each pointer of the mapping finds a plausible value. */
    static String sample(GenericMapping mapping) {
        Map<String, Object> root = new LinkedHashMap<>();
        put(root, mapping.title(), "Disk full on db1");
        put(root, mapping.dedupKey(), "disk-full-db1");
        if (mapping.severity() != null) {
            put(root, mapping.severity(), "critical");
        }
        if (mapping.status() != null) {
            put(root, mapping.status(), "firing");
        }
        return JSON.writeValueAsString(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String pointer, String value) {
        String[] parts = pointer.substring(1).split("/", -1);
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = node.computeIfAbsent(unescape(parts[i]), k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                return;
            }
            node = (Map<String, Object>) next;
        }
        node.putIfAbsent(unescape(parts[parts.length - 1]), value);
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
