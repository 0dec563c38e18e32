package dev.cairn.slack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local fake of Slack's Web API ({@code /api/<method>}), answering like Slack does: {@code
 * auth.test} for Cairn's bot, {@code users.info} for the members the test adds, {@code
 * usergroups.users.list} for the groups it adds, {@code chat.postMessage} recorded. One per JVM, like Slack itself.
 */
final class FakeSlack {

    static final String BOT_USER = "UCAIRNBOT";
    static final String BOT_ID = "BCAIRN";

    record Call(String method, Map<String, String> form) {}

    private static FakeSlack instance;

    private final HttpServer server;
    private final Map<String, String[]> members = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** What Cairn sent to response URLs (the later answers to slash commands). */
    final List<String> responses = new CopyOnWriteArrayList<>();

    private FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            calls.add(new Call(method, form));
            Failure failure = failure(form.get("channel"));
            if (failure == null && method.equals("chat.postMessage") && form.get("channel") != null) {
                posted.computeIfAbsent(form.get("channel"), k -> new CopyOnWriteArrayList<>())
                        .add(form.get("text"));
            }
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                exchange.sendResponseHeaders(failure.status(), -1);
                exchange.close();
                return;
            }
            String refusedName = form.get("name");
            if (method.equals("conversations.create")
                    && refusedName != null
                    && takenFragments.stream().anyMatch(refusedName::contains)
                    && !refusedName.matches(".*-\\d{1,2}$")) {
                answer(exchange, "{\"ok\":false,\"error\":\"name_taken\"}");
                return;
            }
            String body = switch (method) {
                case "auth.test" ->
                    "{\"ok\":true,\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"" + BOT_ID + "\",\"team_id\":\"T1\"}";
                case "users.info" -> usersInfo(form.get("user"));
                case "chat.postMessage" ->
                    "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"" + nextTs() + "\"}";
                case "chat.update",
                        "pins.add",
                        "conversations.invite",
                        "views.open",
                        "conversations.setTopic",
                        "conversations.archive" ->
                    "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"" + form.get("ts") + "\"}";
                case "conversations.create" ->
                    "{\"ok\":true,\"channel\":{\"id\":\"C"
                            + Long.toString(System.nanoTime(), 36).toUpperCase() + "\",\"name\":\"" + form.get("name")
                            + "\"}}";
                case "users.lookupByEmail" -> lookup(form.get("email"));
                case "usergroups.users.list" -> groupUsers(form.get("usergroup"));
                default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
            };
            answer(exchange, body);
        });
        server.createContext("/response/", exchange -> {
            responses.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private final List<String> takenFragments = new CopyOnWriteArrayList<>();

    /** Channel names containing {@code fragment} (without a number at the end) exist already. */
    void nameTaken(String fragment) {
        takenFragments.add(fragment);
    }

    /** The form of the latest successful call of a method whose field has this value. */
    java.util.Optional<Map<String, String>> last(String method, String field, String value) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && value.equals(c.form().get(field)))
                .map(Call::form)
                .reduce((a, b) -> b);
    }

    static synchronized FakeSlack get() {
        if (instance == null) {
            instance = new FakeSlack();
        }
        return instance;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response URL on this fake, like Slack's https://hooks.slack.com/commands/… */
    String responseUrl(String id) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + id;
    }

    /** A member of the Slack workspace, with the e-mail Slack shows for them (or null). */
    void member(String id, String displayName, String email) {
        members.put(id, new String[] {displayName, email});
    }

    long callsTo(String method, String field, String value) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && value.equals(c.form().get(field)))
                .count();
    }

    /** The next answers for calls in this channel: HTTP {@code status}, with Retry-After when given. */
    record Failure(int status, String retryAfter) {}

    private final Map<String, java.util.Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong ts = new java.util.concurrent.atomic.AtomicLong(1700000000L);

    private final Map<String, List<String>> posted = new ConcurrentHashMap<>();

    /** The texts of the messages Slack accepted in one channel (or DM), in order. */
    List<String> posted(String channel) {
        return posted.getOrDefault(channel, List.of());
    }

    void failNext(String channel, int status, String retryAfter, int times) {
        var queue = failures.computeIfAbsent(channel, k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(status, retryAfter));
        }
    }

    private Failure failure(String channel) {
        var queue = channel == null ? null : failures.get(channel);
        return queue == null ? null : queue.poll();
    }

    private String nextTs() {
        return ts.incrementAndGet() + ".000100";
    }

    /** Calls of a method in one channel, oldest first. */
    List<Map<String, String>> callsIn(String method, String channel) {
        return calls.stream()
                .filter(c ->
                        c.method().equals(method) && channel.equals(c.form().get("channel")))
                .map(Call::form)
                .toList();
    }

    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

    /** A Slack user group and its members' ids (usergroups.users.list answers them). */
    void group(String id, List<String> memberIds) {
        groups.put(id, List.copyOf(memberIds));
    }

    private String groupUsers(String id) {
        List<String> users = id == null ? null : groups.get(id);
        if (users == null) {
            return "{\"ok\":false,\"error\":\"no_such_subteam\"}";
        }
        return "{\"ok\":true,\"users\":["
                + String.join(",", users.stream().map(u -> "\"" + u + "\"").toList()) + "]}";
    }

    private String lookup(String email) {
        return members.entrySet().stream()
                .filter(e -> email != null && email.equalsIgnoreCase(e.getValue()[1]))
                .findFirst()
                .map(e -> "{\"ok\":true,\"user\":{\"id\":\"" + e.getKey() + "\"}}")
                .orElse("{\"ok\":false,\"error\":\"users_not_found\"}");
    }

    private String usersInfo(String id) {
        String[] m = members.get(id);
        if (m == null) {
            return "{\"ok\":false,\"error\":\"user_not_found\"}";
        }
        return "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + m[0].toLowerCase() + "\",\"real_name\":\""
                + m[0] + "\",\"profile\":{\"display_name\":\"" + m[0] + "\""
                + (m[1] == null ? "" : ",\"email\":\"" + m[1] + "\"") + "}}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
