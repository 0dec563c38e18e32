package dev.cairn.action.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Linear through its GraphQL API with a personal API key. The mapping's target is a team key
 * ({@code ENG}) or a team id (a UUID); a key is resolved to the team's id before creating, since
 * {@code issueCreate} takes the id. The item's marker is written at the end of the description; a
 * retry finds it with an issue filter (the team, the description containing the marker, created
 * since the first attempt). An issue is done when its workflow state's type is {@code completed}
 * or {@code canceled} (as Jira's "done" status category holds both finished and abandoned work).
 */
@Component
class LinearTracker implements IssueTracker {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String ISSUE_FIELDS = "id identifier url description state { type }";

    private final TrackerSettings settings;
    private final TrackerHttp http;

    LinearTracker(TrackerSettings settings, TrackerHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return TrackerSettings.LINEAR;
    }

    @Override
    public Result<Issue> create(String target, String title, String body, String marker) {
        Result<String> team = teamId(target);
        if (team instanceof Result.Failure<String> f) {
            return f.cast();
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("teamId", ((Result.Ok<String>) team).value());
        input.put("title", title);
        input.put("description", body + "\n\nCairn action `" + marker + "`");
        return graphql(
                "mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { "
                        + ISSUE_FIELDS + " } } }",
                Map.of("input", input),
                data -> {
                    JsonNode created = data.path("issueCreate");
                    if (!created.path("success").asBoolean(false)) {
                        throw new IllegalArgumentException("issueCreate did not succeed");
                    }
                    return issue(created.path("issue"));
                });
    }

    @Override
    public Result<Optional<Issue>> find(String target, String marker, Instant since) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("team", Map.of(isUuid(target) ? "id" : "key", Map.of("eq", target)));
        filter.put("description", Map.of("contains", marker));
        filter.put("createdAt", Map.of("gte", since.minusSeconds(60).toString()));
        Pattern exact = Pattern.compile(Pattern.quote(marker) + "(?![0-9])");
        return graphql(
                "query Find($filter: IssueFilter!) { issues(filter: $filter, first: 50) { nodes { " + ISSUE_FIELDS
                        + " } } }",
                Map.of("filter", filter),
                data -> {
                    for (JsonNode node : data.path("issues").path("nodes")) {
                        // "contains" also matches cairn-action-12 in cairn-action-123.
                        if (exact.matcher(node.path("description").asString("")).find()) {
                            return Optional.of(issue(node));
                        }
                    }
                    return Optional.empty();
                });
    }

    @Override
    public Result<Issue> get(String target, String key) {
        return graphql(
                "query Issue($id: String!) { issue(id: $id) { " + ISSUE_FIELDS + " } }",
                Map.of("id", key),
                data -> issue(data.path("issue")));
    }

    /** The team's id: the target itself when it is one, else looked up by key. */
    private Result<String> teamId(String target) {
        if (isUuid(target)) {
            return Result.ok(target);
        }
        Result<List<String>> ids = graphql(
                "query Team($key: String!) { teams(filter: { key: { eq: $key } }) { nodes { id key } } }",
                Map.of("key", target),
                data -> {
                    List<String> found = new java.util.ArrayList<>();
                    data.path("teams")
                            .path("nodes")
                            .forEach(n -> found.add(n.path("id").asString("")));
                    return found;
                });
        if (ids instanceof Result.Failure<List<String>> f) {
            return f.cast();
        }
        List<String> found = ((Result.Ok<List<String>>) ids).value();
        if (found.isEmpty() || found.getFirst().isEmpty()) {
            return new Result.Failure<>(
                    "Linear has no team with key " + target + " that this API key can see (check the mapping)",
                    false,
                    null);
        }
        return Result.ok(found.getFirst());
    }

    private <T> Result<T> graphql(
            String query, Map<String, Object> variables, java.util.function.Function<JsonNode, T> read) {
        return http.graphql(settings.linearApiUrl() + "/graphql", headers(), query, variables, read);
    }

    private static Issue issue(JsonNode node) {
        String identifier = node.path("identifier").asString("");
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("no issue identifier");
        }
        String type = node.path("state").path("type").asString("");
        return new Issue(
                identifier, node.path("url").asString(""), !"completed".equals(type) && !"canceled".equals(type));
    }

    private Map<String, String> headers() {
        // A personal API key goes as is; "Bearer" is for OAuth tokens.
        return Map.of("Authorization", settings.linearApiKey(), "Accept", "application/json");
    }

    static boolean isUuid(String target) {
        return target != null && UUID.matcher(target).matches();
    }

    /** A team key (ENG) or a team id (UUID). */
    static boolean validTarget(String target) {
        return target != null && (isUuid(target) || target.matches("[A-Z][A-Z0-9_]{0,9}"));
    }
}
