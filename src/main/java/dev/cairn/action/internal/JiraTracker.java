package dev.cairn.action.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Jira Cloud or Server through REST API v2 with basic auth (e-mail and API token). The item's
 * marker is a label on the issue; a retry finds it with JQL. An issue is done when its status is
 * in Jira's "done" status category, whatever the workflow calls it.
 */
@Component
class JiraTracker implements IssueTracker {

    private final TrackerSettings settings;
    private final TrackerHttp http;

    JiraTracker(TrackerSettings settings, TrackerHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return TrackerSettings.JIRA;
    }

    @Override
    public Result<Issue> create(String target, String title, String body, String marker) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", target));
        fields.put("summary", title);
        fields.put("description", body);
        fields.put("issuetype", Map.of("name", settings.jiraIssueType()));
        fields.put("labels", List.of(marker));
        return http.call(
                "POST",
                settings.jiraUrl() + "/rest/api/2/issue",
                headers(),
                TrackerHttp.JSON.writeValueAsString(Map.of("fields", fields)),
                node -> {
                    String key = node.path("key").asString("");
                    if (key.isEmpty()) {
                        throw new IllegalArgumentException("no issue key");
                    }
                    return new Issue(key, browse(key), true);
                });
    }

    @Override
    public Result<Optional<Issue>> find(String target, String marker, Instant since) {
        String jql = "project = \"" + target + "\" AND labels = \"" + marker + "\"";
        String url = settings.jiraUrl() + "/rest/api/2/search?fields=status&maxResults=5&jql="
                + URLEncoder.encode(jql, StandardCharsets.UTF_8);
        return http.call("GET", url, headers(), null, node -> {
            for (JsonNode issue : node.path("issues")) {
                return Optional.of(issue(issue));
            }
            return Optional.empty();
        });
    }

    @Override
    public Result<Issue> get(String target, String key) {
        return http.call(
                "GET",
                settings.jiraUrl() + "/rest/api/2/issue/" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                        + "?fields=status",
                headers(),
                null,
                this::issue);
    }

    private Issue issue(JsonNode node) {
        String key = node.path("key").asString("");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("no issue key");
        }
        String category = node.path("fields")
                .path("status")
                .path("statusCategory")
                .path("key")
                .asString("");
        return new Issue(key, browse(key), !"done".equals(category));
    }

    private String browse(String key) {
        return settings.jiraUrl() + "/browse/" + key;
    }

    private Map<String, String> headers() {
        String basic = Base64.getEncoder()
                .encodeToString((settings.jiraEmail() + ":" + settings.jiraToken()).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + basic, "Accept", "application/json");
    }

    static boolean validTarget(String target) {
        return target != null && target.matches("[A-Z][A-Z0-9_]{1,19}");
    }
}
