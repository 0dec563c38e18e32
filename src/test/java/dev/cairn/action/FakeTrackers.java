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
 * GitHub Issues and Jira as Cairn sees them, in-process: issue creation, reading one issue, the
 * lists Cairn uses to find an issue by its marker, token and basic auth checks, and scripted
 * failures per operation — any status with headers (401, 429 with Retry-After, 5xx), an issue
 * created whose answer is lost (5xx after creating, or no answer before the client's timeout).
 */
final class FakeTrackers implements AutoCloseable {

    static final String GITHUB_TOKEN = "ghp_fake_token";
    static final String JIRA_EMAIL = "bot@acme.test";
    static final String JIRA_TOKEN = "jira-fake-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern GH_ISSUES = Pattern.compile("/github/repos/([^/]+/[^/]+)/issues(?:/(\\d+))?");
    private static final Pattern JIRA_ISSUE = Pattern.compile("/jira/rest/api/2/issue(?:/([A-Z0-9_]+-\\d+))?");

    /** A scripted answer for the next call of an operation. */
    record Fault(int status, Map<String, String> headers, boolean createFirst, boolean hold, String path) {}

    /** An issue in either tracker. */
    static final class FakeIssue {
        final String key;
        final String title;
        final String body;
        final List<String> labels;
        volatile boolean open = true;

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
            send(exchange, fault.status(), fault.headers(), "{\"message\":\"scripted failure\"}");
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
