import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack event -> timeline entry visible in a subscribed browser (SSE), beside a web-room post ->
 * SSE in the same run. One incident linked to a Slack channel, one subscriber on
 * GET /api/v1/incidents/{id}/stream (as the room page subscribes), and 2N posts interleaved: a
 * signed Slack {@code message} event to /slack/events, then a timeline POST, and so on. Each body
 * carries its kind, sequence number and System.nanoTime at sending; the latency is the time until
 * the subscriber has parsed the matching {@code entry} event.
 *
 * <p>The program also plays Slack's Web API on --fake-port (Cairn must be started with
 * cairn.slack.api-url=http://127.0.0.1:PORT/api/): auth.test, and users.info answering every
 * member with --email, so authors match a Cairn user by e-mail (one users.info per message, as
 * for a member whose Slack id is not on their profile). Localhost only.
 */
public class SlackEventLatency {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern MARK = Pattern.compile("slack-bench (slack|web) seq=(\\d+) t=(-?\\d+)");

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:8080", token = null, secret = null, email = "admin@cairn.local";
        int events = 500, intervalMs = 20, fakePort = 0, drain = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = args[++i];
                case "--token" -> token = args[++i];
                case "--secret" -> secret = args[++i];
                case "--email" -> email = args[++i];
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--interval-ms" -> intervalMs = Integer.parseInt(args[++i]);
                case "--fake-port" -> fakePort = Integer.parseInt(args[++i]);
                case "--drain" -> drain = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("Usage: java bench/load/SlackEventLatency.java --base URL --token T --secret S"
                            + " --fake-port P [--email E] [--events N (500)] [--interval-ms MS (20)] [--drain S (10)]");
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (token == null || secret == null || fakePort <= 0) fail("--token, --secret and --fake-port are required");
        URI baseUri = URI.create(base);
        if (!baseUri.getHost().equals("127.0.0.1") && !baseUri.getHost().equals("localhost")) fail("localhost only");
        HttpServer fake = fakeSlack(fakePort, email);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String bearer = "Bearer " + token;
        try {
            HttpResponse<String> declared = http.send(json(baseUri.resolve("/api/v1/incidents"), bearer)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Slack latency bench "
                            + System.currentTimeMillis() + "\",\"severity\":\"SEV3\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(declared.body());
            if (declared.statusCode() != 201 || !id.find()) fail("declare: HTTP " + declared.statusCode() + " " + declared.body());
            long incident = Long.parseLong(id.group(1));
            String channel = "CBENCH" + Long.toString(System.nanoTime(), 36).toUpperCase();
            HttpResponse<String> linked = http.send(json(baseUri.resolve("/api/v1/incidents/" + incident + "/slack-channel"),
                    bearer).PUT(HttpRequest.BodyPublishers.ofString("{\"channelId\":\"" + channel + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (linked.statusCode() != 200) fail("link channel: HTTP " + linked.statusCode() + " " + linked.body());

            final int n = events;
            AtomicLongArray slack = filled(n), web = filled(n);
            CountDownLatch ready = new CountDownLatch(1);
            HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                            baseUri.resolve("/api/v1/incidents/" + incident + "/stream"))
                    .header("Authorization", bearer).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (stream.statusCode() != 200) fail("stream: HTTP " + stream.statusCode());
            Thread reader = Thread.ofVirtual().start(() -> read(stream.body(), slack, web, ready));
            if (!ready.await(30, TimeUnit.SECONDS)) System.out.println("no 'ready' event within 30 s; measuring anyway");

            int errors = 0;
            long runStart = System.currentTimeMillis() / 1000;
            for (int k = 0; k < n; k++) {
                long t = System.nanoTime();
                String text = "slack-bench slack seq=" + k + " t=" + t;
                String ts = (runStart + k / 1000) + "." + String.format("%06d", k % 1000 * 1000 + 1);
                String event = "{\"token\":\"x\",\"team_id\":\"T1\",\"type\":\"event_callback\",\"event_id\":\"EvBENCH"
                        + channel + k + "\",\"event_time\":" + runStart + ",\"event\":{\"type\":\"message\",\"channel\":\""
                        + channel + "\",\"user\":\"UBENCH1\",\"text\":\"" + text + "\",\"ts\":\"" + ts + "\"}}";
                String stamp = String.valueOf(System.currentTimeMillis() / 1000);
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri.resolve("/slack/events"))
                        .header("Content-Type", "application/json")
                        .header("X-Slack-Request-Timestamp", stamp)
                        .header("X-Slack-Signature", sign(secret, stamp, event))
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) errors++;
                Thread.sleep(intervalMs);
                long tw = System.nanoTime();
                HttpResponse<Void> w = http.send(json(baseUri.resolve("/api/v1/incidents/" + incident + "/timeline"), bearer)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"message\",\"body\":\"slack-bench web seq=" + k
                                + " t=" + tw + "\"}")).build(), HttpResponse.BodyHandlers.discarding());
                if (w.statusCode() != 201) errors++;
                Thread.sleep(intervalMs);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drain);
            while (System.nanoTime() < deadline && (missing(slack) > 0 || missing(web) > 0)) Thread.sleep(50);
            stream.body().close();
            reader.interrupt();
            double[] s = summary("Slack event -> SSE entry (signed POST /slack/events sent -> event parsed)", slack);
            double[] w = summary("web post    -> SSE entry (POST /api/v1/incidents/{id}/timeline sent -> event parsed)", web);
            System.out.printf("request errors %d; ratio slack/web p50 %.2f, p99 %.2f%n", errors, s[0] / w[0], s[1] / w[1]);
            System.out.printf("RESULT events=%d slack_p50_ms=%.1f slack_p99_ms=%.1f web_p50_ms=%.1f web_p99_ms=%.1f"
                    + " missed_slack=%d missed_web=%d errors=%d%n", n, s[0], s[1], w[0], w[1], missing(slack), missing(web), errors);
            System.exit(errors == 0 && missing(slack) == 0 && missing(web) == 0 ? 0 : 1);
        } finally {
            fake.stop(0);
        }
    }

    static void read(Stream<String> body, AtomicLongArray slack, AtomicLongArray web, CountDownLatch ready) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = body.iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (event.equals("ready")) ready.countDown();
                    if (event.equals("entry")) {
                        long now = System.nanoTime();
                        Matcher m = MARK.matcher(data);
                        if (m.find()) {
                            AtomicLongArray to = m.group(1).equals("slack") ? slack : web;
                            int k = Integer.parseInt(m.group(2));
                            if (k < to.length()) to.compareAndSet(k, -1, now - Long.parseLong(m.group(3)));
                        }
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (UncheckedIOException e) {
            // closed at the end
        }
    }

    /** Slack's Web API as far as mirroring needs it. */
    static HttpServer fakeSlack(int port, String email) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            exchange.getRequestBody().readAllBytes();
            String body = switch (method) {
                case "auth.test" -> "{\"ok\":true,\"user_id\":\"UCAIRNBOT\",\"bot_id\":\"BCAIRN\"}";
                case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"UBENCH1\",\"name\":\"bench\",\"real_name\":\"Bench\","
                        + "\"profile\":{\"display_name\":\"Bench\",\"email\":\"" + email + "\"}}}";
                default -> "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.000001\"}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    static HttpRequest.Builder json(URI uri, String bearer) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", bearer)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    static AtomicLongArray filled(int n) {
        AtomicLongArray a = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) a.set(i, -1);
        return a;
    }

    static int missing(AtomicLongArray a) {
        int missing = 0;
        for (int i = 0; i < a.length(); i++) if (a.get(i) < 0) missing++;
        return missing;
    }

    static double[] summary(String label, AtomicLongArray a) {
        long[] got = java.util.stream.IntStream.range(0, a.length()).mapToLong(a::get).filter(v -> v >= 0).sorted().toArray();
        if (got.length == 0) {
            System.out.println(label + ": nothing arrived");
            return new double[] {Double.NaN, Double.NaN};
        }
        double p50 = got[(int) Math.min(got.length - 1, Math.round(0.50 * (got.length - 1)))] / 1e6;
        double p99 = got[(int) Math.min(got.length - 1, Math.round(0.99 * (got.length - 1)))] / 1e6;
        System.out.printf("%s: n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, got.length, p50, p99, got[got.length - 1] / 1e6);
        return new double[] {p50, p99};
    }

    static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
