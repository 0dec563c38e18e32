package dev.cairn.action;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub Issues, Jira and Linear (GraphQL) as Cairn sees them, in-process: issue creation, reading
 * one issue, the lists Cairn uses to find an issue by its marker, token, basic auth and API key
 * checks, and scripted failures per operation — any status with headers (401, 429 with
 * Retry-After, 5xx), GraphQL {@code errors[]} with an extension code, an issue created whose answer
 * is lost (5xx after creating, or no answer before the client's timeout).
 */
final class FakeTrackers implements AutoCloseable {

    static final String GITHUB_TOKEN = "ghp_fake_token";
    static final String JIRA_EMAIL = "bot@acme.test";
    static final String JIRA_TOKEN = "jira-fake-token";
    static final String LINEAR_KEY = "lin_api_fake_key";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern GH_ISSUES = Pattern.compile("/github/repos/([^/]+/[^/]+)/issues(?:/(\\d+))?");
    private static final Pattern JIRA_ISSUE = Pattern.compile("/jira/rest/api/2/issue(?:/([A-Z0-9_]+-\\d+))?");

    /** A scripted answer for the next call of an operation. */
    record Fault(int status, Map<String, String> headers, boolean createFirst, boolean hold, String path, String body) {

        Fault(int status, Map<String, String> headers, boolean createFirst, boolean hold, String path) {
            this(status, headers, createFirst, hold, path, null);
        }
    }

    /** An issue in either tracker. */
    static final class FakeIssue {
        final String key;
        final String title;
        final String body;
        final List<String> labels;
        volatile boolean open = true;
        /** Linear's workflow state type; when null, {@code open} decides (started or completed). */
        volatile String stateType;

        FakeIssue(String key, String title, String body, List<String> labels) {
            this.key = key;
            this.title = title;
            this.body = body;
            this.labels = labels;
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    private final Map<String, List<FakeIssue>> github = new ConcurrentHashMap<>();
    private final Map<String, FakeIssue> jira = new ConcurrentHashMap<>();
    private final AtomicInteger jiraNumbers = new AtomicInteger();
    private final Map<String, FakeIssue> linear = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> linearNumbers = new ConcurrentHashMap<>();
    /** The variables of every Linear call, last first, to see what Cairn asked. */
    final Deque<JsonNode> linearCalls = new ConcurrentLinkedDeque<>();

    final AtomicInteger createCalls = new AtomicInteger();

    private FakeTrackers(HttpServer server) {
        this.server = server;
    }

    static FakeTrackers start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeTrackers fake = new FakeTrackers(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next call of {@code operation} (github.create, github.get, github.list, jira.create, jira.get, jira.search). */
    void fail(String operation, int status, Map<String, String> headers) {
        faults.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>())
                .add(new Fault(status, headers, false, false, null));
    }

    /** The next call of {@code operation} on a path containing {@code path} (one repository's issue). */
    void failOn(String operation, String path, int status, Map<String, String> headers) {
        faults.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>())
                .add(new Fault(status, headers, false, false, path));
    }

    /**
     * The next call of a Linear {@code operation} (linear.teams, linear.create, linear.search,
     * linear.get) answers {@code status} with GraphQL {@code errors[]} carrying {@code code}.
     */
    void graphqlError(String operation, int status, String code, Map<String, String> headers) {
        String body = JSON.writeValueAsString(
                Map.of("errors", List.of(Map.of("message", "scripted " + code, "extensions", Map.of("code", code)))));
        faults.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>())
                .add(new Fault(status, headers, false, false, null, body));
    }

    /** The next creation creates the issue, then answers {@code status} (its answer is lost to Cairn). */
    void createThenFail(String operation, int status) {
        faults.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>())
                .add(new Fault(status, Map.of(), true, false, null));
    }

    /** The next call waits {@code millis} before answering normally (after creating, for a creation). */
    /**
     * The next call of {@code operation} does its work (the issue exists) and then holds its answer
     * until {@link #release()}: a tracker that is slow to answer, without a timed sleep. The test
     * decides when the answer comes, after what it wanted to see while the call was waiting.
     */
    void hold(String operation) {
        gate = new java.util.concurrent.CountDownLatch(1);
        faults.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>())
                .add(new Fault(0, Map.of(), true, true, null));
    }

    /** How many calls are holding their answer right now. */
    int held() {
        return holding.get();
    }

    /** Lets every held answer go. */
    void release() {
        gate.countDown();
    }

    List<FakeIssue> githubIssues(String repo) {
        return github.getOrDefault(repo, List.of());
    }

    List<FakeIssue> linearIssues(String team) {
        return linear.values().stream()
                .filter(i -> i.key.startsWith(team + "-"))
                .sorted(java.util.Comparator.comparing(i -> i.key))
                .toList();
    }

    /** The id Linear gives the team with {@code key}. */
    static String linearTeamId(String key) {
        return java.util
                .UUID
                .nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    FakeIssue jiraIssue(String key) {
        return jira.get(key);
    }

    List<FakeIssue> jiraIssues(String project) {
        return jira.values().stream()
                .filter(i -> i.key.startsWith(project + "-"))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher gh = GH_ISSUES.matcher(path);
            Matcher jr = JIRA_ISSUE.matcher(path);
            if (gh.matches()) {
                if (!("Bearer " + GITHUB_TOKEN)
                        .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 401, Map.of(), "{\"message\":\"Bad credentials\"}");
                    return;
                }
                String repo = gh.group(1);
                if (method.equals("POST")) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    answer(exchange, "github.create", () -> githubCreate(repo, JSON.readTree(body)), 201);
                } else if (gh.group(2) != null) {
                    answer(exchange, "github.get", () -> githubFind(repo, Integer.parseInt(gh.group(2))), 200);
                } else {
                    answer(exchange, "github.list", () -> githubList(repo), 200);
                }
            } else if (path.equals("/linear/graphql") && method.equals("POST")) {
                if (!LINEAR_KEY.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(
                            exchange,
                            400,
                            Map.of(),
                            "{\"errors\":[{\"message\":\"Authentication required, not authenticated\","
                                    + "\"extensions\":{\"code\":\"AUTHENTICATION_ERROR\"}}]}");
                    return;
                }
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                String query = request.path("query").asString("");
                JsonNode variables = request.path("variables");
                linearCalls.addFirst(variables);
                if (query.contains("issueCreate")) {
                    answer(exchange, "linear.create", () -> linearCreate(variables.path("input")), 200);
                } else if (query.contains("teams(")) {
                    answer(
                            exchange,
                            "linear.teams",
                            () -> linearTeams(variables.path("key").asString()),
                            200);
                } else if (query.contains("issues(")) {
                    answer(exchange, "linear.search", () -> linearSearch(variables.path("filter")), 200);
                } else if (query.contains("issue(")) {
                    answer(
                            exchange,
                            "linear.get",
                            () -> linearGet(variables.path("id").asString()),
                            200);
                } else {
                    send(exchange, 400, Map.of(), "{\"errors\":[{\"message\":\"unknown query\"}]}");
                }
            } else if (path.startsWith("/jira/")) {
                String expected = "Basic "
                        + Base64.getEncoder()
                                .encodeToString((JIRA_EMAIL + ":" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 401, Map.of(), "");
                    return;
                }
                if (path.equals("/jira/rest/api/2/search")) {
                    String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
                    answer(exchange, "jira.search", () -> jiraSearch(query), 200);
                } else if (jr.matches() && method.equals("POST")) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    answer(exchange, "jira.create", () -> jiraCreate(JSON.readTree(body)), 201);
                } else if (jr.matches() && jr.group(1) != null) {
                    answer(exchange, "jira.get", () -> jiraFind(jr.group(1)), 200);
                } else {
                    send(exchange, 404, Map.of(), "{}");
                }
            } else {
                send(exchange, 404, Map.of(), "{}");
            }
        } catch (RuntimeException | InterruptedException e) {
            // The client gave up (a timeout): nothing to answer.
        }
    }

    private void answer(HttpExchange exchange, String operation, java.util.function.Supplier<Object> work, int ok)
            throws IOException, InterruptedException {
        Fault fault = null;
        Deque<Fault> scripted = faults.getOrDefault(operation, new ConcurrentLinkedDeque<>());
        String path = exchange.getRequestURI().getPath();
        for (Fault f : scripted) {
            if ((f.path() == null || path.contains(f.path())) && scripted.remove(f)) {
                fault = f;
                break;
            }
        }
        if (operation.endsWith(".create")) {
            createCalls.incrementAndGet();
        }
        if (fault != null && !fault.createFirst()) {
            send(
                    exchange,
                    fault.status(),
                    fault.headers(),
                    fault.body() != null ? fault.body() : "{\"message\":\"scripted failure\"}");
            return;
        }
        Object result = work.get();
        if (result == null) {
            send(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            return;
        }
        if (fault != null && fault.hold()) {
            holding.incrementAndGet();
            try {
                // Bounded, so a test that forgets to release cannot hang the fake for ever.
                gate.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                holding.decrementAndGet();
            }
        }
        if (fault != null && fault.status() > 0) {
            send(exchange, fault.status(), Map.of(), "<html>bad gateway</html>");
            return;
        }
        send(exchange, ok, Map.of(), JSON.writeValueAsString(result));
    }

    private Object githubCreate(String repo, JsonNode body) {
        List<FakeIssue> issues =
                github.computeIfAbsent(repo, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
        synchronized (issues) {
            FakeIssue issue = new FakeIssue(
                    String.valueOf(issues.size() + 1),
                    body.get("title").asString(),
                    body.get("body").asString(),
                    List.of());
            issues.add(issue);
            return githubJson(repo, issue);
        }
    }

    private Object githubFind(String repo, int number) {
        List<FakeIssue> issues = githubIssues(repo);
        return number <= issues.size() ? githubJson(repo, issues.get(number - 1)) : null;
    }

    private Object githubList(String repo) {
        return githubIssues(repo).stream().map(i -> githubJson(repo, i)).toList();
    }

    private Map<String, Object> githubJson(String repo, FakeIssue issue) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", Integer.parseInt(issue.key));
        json.put("html_url", "https://github.example/" + repo + "/issues/" + issue.key);
        json.put("state", issue.open ? "open" : "closed");
        json.put("title", issue.title);
        json.put("body", issue.body);
        return json;
    }

    private Object jiraCreate(JsonNode body) {
        JsonNode fields = body.get("fields");
        String key = fields.get("project").get("key").asString() + "-" + jiraNumbers.incrementAndGet();
        List<String> labels = new ArrayList<>();
        fields.path("labels").forEach(l -> labels.add(l.asString()));
        jira.put(
                key,
                new FakeIssue(
                        key,
                        fields.get("summary").asString(),
                        fields.path("description").asString(""),
                        labels));
        return Map.of("id", "1000" + key.hashCode(), "key", key, "self", url() + "/jira/rest/api/2/issue/" + key);
    }

    private Object jiraFind(String key) {
        FakeIssue issue = jira.get(key);
        return issue == null ? null : jiraJson(issue);
    }

    private Object jiraSearch(String query) {
        Matcher label = Pattern.compile("labels = \"([^\"]+)\"").matcher(query);
        String wanted = label.find() ? label.group(1) : "";
        return Map.of(
                "issues",
                jira.values().stream()
                        .filter(i -> i.labels.contains(wanted))
                        .map(this::jiraJson)
                        .toList());
    }

    private Map<String, Object> jiraJson(FakeIssue issue) {
        return Map.of(
                "key",
                issue.key,
                "fields",
                Map.of(
                        "status",
                        Map.of(
                                "name",
                                issue.open ? "In Progress" : "Closed",
                                "statusCategory",
                                Map.of("key", issue.open ? "indeterminate" : "done"))));
    }

    private Object linearTeams(String key) {
        // Every key is a team here; its id is stable.
        return Map.of("data", Map.of("teams", Map.of("nodes", List.of(Map.of("id", linearTeamId(key), "key", key)))));
    }

    private Object linearCreate(JsonNode input) {
        String teamId = input.path("teamId").asString("");
        String team = linearNumbers.keySet().stream()
                .filter(k -> linearTeamId(k).equals(teamId))
                .findFirst()
                .orElse(null);
        if (team == null) {
            return Map.of(
                    "data",
                    Map.of("issueCreate", Map.of("success", false)),
                    "errors",
                    List.of(Map.of(
                            "message", "Argument Validation Error", "extensions", Map.of("code", "INVALID_INPUT"))));
        }
        String key = team + "-" + linearNumbers.get(team).incrementAndGet();
        FakeIssue issue = new FakeIssue(
                key, input.path("title").asString(""), input.path("description").asString(""), List.of());
        linear.put(key, issue);
        return Map.of("data", Map.of("issueCreate", Map.of("success", true, "issue", linearJson(issue))));
    }

    /** Makes team {@code key} known (Linear has the team before Cairn maps it). */
    void linearTeam(String key) {
        linearNumbers.putIfAbsent(key, new AtomicInteger());
    }

    private Object linearSearch(JsonNode filter) {
        JsonNode team = filter.path("team");
        String key = team.has("key")
                ? team.path("key").path("eq").asString("")
                : linearNumbers.keySet().stream()
                        .filter(k -> linearTeamId(k)
                                .equals(team.path("id").path("eq").asString("")))
                        .findFirst()
                        .orElse("");
        String contains = filter.path("description").path("contains").asString("");
        List<Object> nodes = linearIssues(key).stream()
                .filter(i -> i.body.contains(contains))
                .map(i -> (Object) linearJson(i))
                .toList();
        return Map.of("data", Map.of("issues", Map.of("nodes", nodes)));
    }

    private Object linearGet(String id) {
        FakeIssue issue = linear.get(id);
        if (issue == null) {
            return Map.of(
                    "data",
                    Map.of(),
                    "errors",
                    List.of(Map.of(
                            "message", "Entity not found: Issue", "extensions", Map.of("code", "INVALID_INPUT"))));
        }
        return Map.of("data", Map.of("issue", linearJson(issue)));
    }

    private Map<String, Object> linearJson(FakeIssue issue) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "id",
                java.util
                        .UUID
                        .nameUUIDFromBytes(issue.key.getBytes(StandardCharsets.UTF_8))
                        .toString());
        json.put("identifier", issue.key);
        json.put("url", "https://linear.example/acme/issue/" + issue.key);
        json.put("description", issue.body);
        String type = issue.stateType != null ? issue.stateType : issue.open ? "started" : "completed";
        json.put("state", Map.of("type", type));
        return json;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
    }
}
