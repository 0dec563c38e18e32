package dev.cairn.action.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GitHub Issues (github.com or GitHub Enterprise: the API URL is a setting). The item's marker is
 * written at the end of the issue's body; a retry looks for it among the repository's issues
 * updated since the first attempt (a plain list, not the search index, which lags).
 */
@Component
class GitHubTracker implements IssueTracker {

    private final TrackerSettings settings;
    private final TrackerHttp http;

    GitHubTracker(TrackerSettings settings, TrackerHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return TrackerSettings.GITHUB;
    }

    @Override
    public Result<Issue> create(String target, String title, String body, String marker) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("body", body + "\n\n<sub>Cairn action `" + marker + "`</sub>");
        return http.call(
                "POST",
                settings.githubApiUrl() + "/repos/" + target + "/issues",
                headers(),
                TrackerHttp.JSON.writeValueAsString(json),
                node -> issue(target, node));
    }

    @Override
    public Result<Optional<Issue>> find(String target, String marker, Instant since) {
        String url = settings.githubApiUrl() + "/repos/" + target + "/issues?state=all&per_page=100&since="
                + URLEncoder.encode(since.minusSeconds(60).toString(), StandardCharsets.UTF_8);
        return http.call("GET", url, headers(), null, node -> {
            for (JsonNode issue : node) {
                String body = issue.path("body").asString("");
                if (body.contains("`" + marker + "`")) {
                    return Optional.of(issue(target, issue));
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public Result<Issue> get(String target, String key) {
        String number = key.substring(key.lastIndexOf('#') + 1);
        return http.call(
                "GET",
                settings.githubApiUrl() + "/repos/" + target + "/issues/" + number,
                headers(),
                null,
                node -> issue(target, node));
    }

    private static Issue issue(String target, JsonNode node) {
        long number = node.path("number").asLong(0);
        if (number <= 0) {
            throw new IllegalArgumentException("no issue number");
        }
        return new Issue(
                target + "#" + number,
                node.path("html_url").asString(""),
                !"closed".equals(node.path("state").asString("open")));
    }

    private Map<String, String> headers() {
        return Map.of(
                "Authorization", "Bearer " + settings.githubToken(),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28");
    }

    static boolean validTarget(String target) {
        return target != null && target.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    }
}
