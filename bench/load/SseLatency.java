import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fan-out latency of the live incident room: one incident, N subscribers on
 * GET /api/v1/incidents/{id}/stream (Server-Sent Events), M timeline entries posted one every
 * interval. For each (entry, subscriber) it measures the time from just before the POST is sent
 * until that subscriber has parsed the {@code entry} event. Every entry body carries its send time
 * (System.nanoTime of this process, which both sends and receives) and its sequence number.
 *
 * <p>Subscribers are virtual threads reading {@code BodyHandlers.ofLines()}. The client runs on the
 * same machine as the server, so its parsing cost is part of the number; the POST round-trip p50,
 * printed alongside, is the yardstick for how loaded the machine is.
 *
 * <p>Bounded: connect phase at most --connect-timeout s, M posts, then at most --drain s. Localhost
 * targets only.
 */
public class SseLatency {

    static void usage() {
        System.out.println(
                """
                Usage: java bench/load/SseLatency.java --base URL --token TOKEN [options]
                  --base URL            Cairn base URL, localhost only (default http://127.0.0.1:8080)
                  --token TOKEN         API token sent as 'Authorization: Bearer TOKEN' (required)
                  --subscribers N       concurrent SSE subscriptions to the incident (default 500)
                  --entries M           timeline entries to post (default 50)
                  --interval-ms MS      time between posts (default 200)
                  --connect-timeout S   give up waiting for all subscribers after S s (default 30)
                  --drain S             after the last post, wait at most S s for deliveries (default 10)
                  --incident ID         use this incident instead of declaring a new one
                  --help                this text
                Prints delivery latency p50/p90/p99/max over all (entry, subscriber) pairs, missed
                deliveries out of N x M, the POST round-trip p50, then one 'RESULT ...' line.
                Exit status: 0 every delivery arrived once, 1 missed/duplicate deliveries or failed
                posts (numbers still printed), 2 bad arguments or nobody could connect.""");
    }

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern MARK = Pattern.compile("sse-bench seq=(\\d+) t=(-?\\d+)");

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:8080";
        String token = null;
        int subscribers = 500, entries = 50, intervalMs = 200, connectTimeout = 30, drain = 10;
        Long incident = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "--subscribers" -> subscribers = intValue(args, ++i, 1, 20_000);
                case "--entries" -> entries = intValue(args, ++i, 1, 10_000);
                case "--interval-ms" -> intervalMs = intValue(args, ++i, 1, 60_000);
                case "--connect-timeout" -> connectTimeout = intValue(args, ++i, 1, 600);
                case "--drain" -> drain = intValue(args, ++i, 0, 600);
                case "--incident" -> incident = (long) intValue(args, ++i, 1, Integer.MAX_VALUE);
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (token == null || token.isBlank()) fail("--token is required");
        URI baseUri = localBase(base);
        String bearer = "Bearer " + token;
        final int n = subscribers, m = entries;
        if ((long) n * m > 5_000_000L) fail("--subscribers x --entries must stay at most 5,000,000");

        // Posts go through their own client so that they don't queue behind N streaming connections.
        HttpClient postClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpClient sseClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        if (incident == null) {
            String json = "{\"title\":\"SseLatency bench " + System.currentTimeMillis()
                    + "\",\"severity\":\"SEV3\",\"type\":\"default\",\"summary\":\"SSE fan-out latency benchmark\"}";
            HttpResponse<String> r = postClient.send(
                    HttpRequest.newBuilder(baseUri.resolve("/api/v1/incidents"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", bearer)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(r.body());
            if (r.statusCode() != 201 || !id.find()) {
                fail("declaring the incident got HTTP " + r.statusCode() + " (expected 201 with an id): " + abbreviate(r.body()));
            }
            incident = Long.parseLong(id.group(1));
        }
        URI streamUri = baseUri.resolve("/api/v1/incidents/" + incident + "/stream");
        URI timelineUri = baseUri.resolve("/api/v1/incidents/" + incident + "/timeline");
        System.out.printf("incident %d, %d subscribers, %d entries every %d ms, %d cores%n",
                incident, n, m, intervalMs, Runtime.getRuntime().availableProcessors());

        // received[s * m + k] = latency in ns of entry k at subscriber s, or -1 while not received.
        AtomicLongArray received = new AtomicLongArray(n * m);
        for (int i = 0; i < n * m; i++) received.set(i, -1);
        AtomicInteger headersOk = new AtomicInteger(); // HTTP 200 with the response headers in
        AtomicInteger ready = new AtomicInteger(); // got the 'ready' event
        AtomicInteger ended = new AtomicInteger(); // stream ended or failed
        AtomicLong duplicates = new AtomicLong();
        AtomicLong foreign = new AtomicLong(); // 'entry' events that are not ours (other writers)
        AtomicLong unparsable = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        Map<String, AtomicInteger> connectErrors = new ConcurrentHashMap<>();
        CopyOnWriteArrayList<Stream<String>> open = new CopyOnWriteArrayList<>();

        long connectStart = System.nanoTime();
        for (int s = 0; s < n; s++) {
            final int sub = s;
            Thread.ofVirtual().name("sse-" + s).start(() -> {
                boolean countedReady = false;
                try {
                    HttpResponse<Stream<String>> r = sseClient.send(
                            HttpRequest.newBuilder(streamUri)
                                    .header("Authorization", bearer)
                                    .header("Accept", "text/event-stream")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (r.statusCode() != 200) {
                        connectErrors.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        r.body().close();
                        return;
                    }
                    open.add(r.body());
                    headersOk.incrementAndGet();
                    String event = "message";
                    StringBuilder data = new StringBuilder();
                    Iterator<String> lines = r.body().iterator();
                    while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.isEmpty()) { // end of one event: dispatch it
                            if (event.equals("ready") && !countedReady) {
                                countedReady = true;
                                ready.incrementAndGet();
                            } else if (event.equals("entry")) {
                                long now = System.nanoTime();
                                Matcher mk = MARK.matcher(data);
                                if (!mk.find()) {
                                    foreign.incrementAndGet();
                                } else {
                                    int k = Integer.parseInt(mk.group(1));
                                    long sent = Long.parseLong(mk.group(2));
                                    if (k < 0 || k >= m) foreign.incrementAndGet();
                                    else if (received.compareAndSet(sub * m + k, -1, now - sent)) delivered.incrementAndGet();
                                    else duplicates.incrementAndGet();
                                }
                            }
                            event = "message";
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            // comment / keep-alive
                        } else {
                            int colon = line.indexOf(':');
                            String field = colon < 0 ? line : line.substring(0, colon);
                            String val = colon < 0 ? "" : line.substring(colon + 1);
                            if (val.startsWith(" ")) val = val.substring(1);
                            switch (field) {
                                case "event" -> event = val;
                                case "data" -> {
                                    if (!data.isEmpty()) data.append('\n');
                                    data.append(val);
                                }
                                default -> {} // id, retry: not needed here
                            }
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    if (!countedReady) connectErrors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    unparsable.incrementAndGet();
                } finally {
                    ended.incrementAndGet();
                }
            });
        }

        // Wait until every subscriber has its 'ready' event. A server that sends no 'ready' is
        // detected when all streams are open and none got one within 2 s; then open counts.
        long connectDeadline = connectStart + TimeUnit.SECONDS.toNanos(connectTimeout);
        long allOpenSince = -1;
        while (System.nanoTime() < connectDeadline) {
            if (ready.get() + connectErrorCount(connectErrors) >= n) break;
            if (headersOk.get() + connectErrorCount(connectErrors) >= n && ready.get() == 0) {
                if (allOpenSince < 0) allOpenSince = System.nanoTime();
                else if (System.nanoTime() - allOpenSince > TimeUnit.SECONDS.toNanos(2)) break;
            }
            Thread.sleep(20);
        }
        boolean readyEvents = ready.get() > 0;
        int connected = readyEvents ? ready.get() : headersOk.get();
        System.out.printf("connected %d/%d subscribers in %.1f s (%s)%s%n", connected, n,
                (System.nanoTime() - connectStart) / 1e9,
                readyEvents ? "counted by 'ready' event" : "no 'ready' events seen: counted by HTTP 200",
                connectErrors.isEmpty() ? "" : "; connect errors " + sorted(connectErrors));
        if (connected == 0) fail("no subscriber connected; nothing to measure");

        // Post M entries on a fixed schedule (one every interval from the first; a slow POST delays
        // the next one rather than sending two back to back).
        long[] postNanos = new long[m];
        int postErrors = 0;
        long postStart = System.nanoTime();
        for (int k = 0; k < m; k++) {
            long due = postStart + (long) k * intervalMs * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            long t0 = System.nanoTime();
            String json = "{\"body\":\"sse-bench seq=" + k + " t=" + t0 + "\"}";
            try {
                HttpResponse<String> r = postClient.send(
                        HttpRequest.newBuilder(timelineUri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", bearer)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                postNanos[k] = System.nanoTime() - t0;
                if (r.statusCode() != 201) {
                    postErrors++;
                    if (postErrors <= 3) System.err.println("POST timeline " + k + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
                }
            } catch (IOException e) {
                postNanos[k] = -1;
                postErrors++;
                if (postErrors <= 3) System.err.println("POST timeline " + k + ": " + e);
            }
        }

        // Drain: wait for the outstanding deliveries to the subscribers that connected.
        long expected = (long) connected * m;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drain);
        while (delivered.get() < expected && System.nanoTime() < drainDeadline) Thread.sleep(20);

        int endedEarly = ended.get(); // before we close them ourselves
        for (Stream<String> s : open) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing a stream that already ended
            }
        }
        sseClient.shutdownNow();
        postClient.shutdownNow();

        long[] lat = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) n * m)];
        int c = 0;
        for (int i = 0; i < n * m; i++) {
            long v = received.get(i);
            if (v >= 0) lat[c++] = v;
        }
        lat = Arrays.copyOf(lat, c);
        Arrays.sort(lat);
        long[] posts = Arrays.stream(postNanos).filter(v -> v >= 0).sorted().toArray();
        long missedAll = (long) n * m - c;
        long missedConnected = Math.max(0, expected - c);

        System.out.println();
        System.out.printf("delivery latency (POST sent -> event parsed) over %d deliveries: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                c, ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)), ms(pct(lat, 100)));
        System.out.printf("missed deliveries: %d of %d expected (N x M = %d x %d); of those among connected subscribers: %d; duplicates %d%n",
                missedAll, (long) n * m, n, m, missedConnected, duplicates.get());
        if (foreign.get() > 0 || unparsable.get() > 0)
            System.out.printf("other 'entry' events: %d, subscriber failures: %d%n", foreign.get(), unparsable.get());
        System.out.printf("POST timeline round-trip (yardstick): p50 %.2f ms, p90 %.2f ms, max %.2f ms over %d posts; errors %d%n",
                ms(pct(posts, 50)), ms(pct(posts, 90)), ms(pct(posts, 100)), posts.length, postErrors);
        System.out.printf("streams that ended or failed before the end of the drain: %d%n", endedEarly);
        System.out.printf(
                "RESULT subscribers=%d connected=%d entries=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f missed=%d expected=%d"
                        + " post_p50_ms=%.2f post_errors=%d%n",
                n, connected, m, ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)), ms(pct(lat, 100)), missedAll,
                (long) n * m, ms(pct(posts, 50)), postErrors);
        // Numbers are printed either way; the exit status tells a script that something was lost.
        System.exit(missedAll > 0 || postErrors > 0 || duplicates.get() > 0 ? 1 : 0);
    }

    static int connectErrorCount(Map<String, AtomicInteger> errors) {
        return errors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static Map<String, Integer> sorted(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Nearest-rank percentile of a sorted array, or -1 if empty. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double ms(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    /** Accepts only http(s) URLs whose host is the loopback interface. */
    static URI localBase(String base) {
        URI u = null;
        try {
            u = URI.create(base);
        } catch (IllegalArgumentException e) {
            fail("--base is not a URL: " + base);
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase();
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
            fail("refusing target " + base + ": only http(s)://127.0.0.1, localhost or [::1] are allowed");
        }
        return u;
    }

    static String value(String[] args, int i) {
        if (i >= args.length) fail("missing value after " + args[i - 1]);
        return args[i];
    }

    static int intValue(String[] args, int i, int min, int max) {
        String v = value(args, i);
        try {
            int x = Integer.parseInt(v);
            if (x < min || x > max) fail(args[i - 1] + " must be between " + min + " and " + max);
            return x;
        } catch (NumberFormatException e) {
            fail(args[i - 1] + " needs a number, got " + v);
            return 0;
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void fail(String message) {
        System.err.println("SseLatency: " + message);
        System.exit(2);
    }
}
