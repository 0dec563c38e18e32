package dev.cairn.insights.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chart.js configurations built on the server and handed to {@code /js/insights.js} as JSON in a
 * non-executed script element (the page CSP allows no inline script). {@code links} holds, per
 * bar or point, the page that lists the incidents behind it.
 */
final class Charts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] COLORS = {
        "#0d6efd", "#fd7e14", "#6f42c1", "#198754", "#dc3545", "#20c997", "#6c757d", "#ffc107"
    };

    private Charts() {}

    static Map<String, Object> dataset(String label, List<?> data, String color) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("label", label);
        d.put("data", data);
        d.put("backgroundColor", color);
        d.put("borderColor", color);
        return d;
    }

    static String bar(
            List<String> labels,
            List<Map<String, Object>> datasets,
            boolean stacked,
            String yTitle,
            List<String> links) {
        return chart("bar", labels, datasets, stacked, yTitle, links, List.of());
    }

    static String line(
            List<String> labels,
            List<Map<String, Object>> datasets,
            String yTitle,
            List<String> links,
            List<Map<String, Object>> notes) {
        return chart("line", labels, datasets, false, yTitle, links, notes);
    }

    private static String chart(
            String type,
            List<String> labels,
            List<Map<String, Object>> datasets,
            boolean stacked,
            String yTitle,
            List<String> links,
            List<Map<String, Object>> notes) {
        Map<String, Object> scales = Map.of(
                "x", Map.of("stacked", stacked),
                "y", Map.of("stacked", stacked, "beginAtZero", true, "title", Map.of("display", true, "text", yTitle)));
        Map<String, Object> config = Map.of(
                "type", type,
                "data", Map.of("labels", labels, "datasets", datasets),
                "options", Map.of("responsive", true, "maintainAspectRatio", false, "scales", scales));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("config", config);
        all.put("links", links == null ? List.of() : links);
        all.put("notes", notes);
        // Escaped so that no text can close the script element it sits in.
        return JSON.writeValueAsString(all)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    static <T> List<T> list() {
        return new ArrayList<>();
    }
}
