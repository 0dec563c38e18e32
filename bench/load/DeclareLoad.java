import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Load test for declaring incidents (POST /api/v1/incidents), with GET /actuator/health at the
 * same concurrency in the same run as the yardstick: on a shared, noisy machine the ratio
 * declares/s ÷ health/s is comparable between runs, the absolute numbers much less so.
 *
 * <p>Phases, each bounded in time (and in request count): warm-up (declares and health, not
 * counted), measured declares, measured health. Each of C workers (virtual threads) sends one
 * request at a time, so at most C requests are in flight.
 *
 * <p>Run: {@code java bench/load/DeclareLoad.java --base http://127.0.0.1:8080 --token T}. No
 * dependencies; only 127.0.0.1/localhost/::1 are accepted as targets.
 */
public class DeclareLoad {

    static final int MAX_REQUESTS_PER_PHASE = 5_000_000; // hard bound besides the time limit

    static void usage() {
        System.out.println(
                """
                Usage: java bench/load/DeclareLoad.java --base URL --token TOKEN [options]
                  --base URL           Cairn base URL, localhost only (default http://127.0.0.1:8080)
                  --token TOKEN        API token sent as 'Authorization: Bearer TOKEN' (required)
                  --seconds S          length of each measured phase, declares and health (default 20)
                  --warmup S           warm-up before measuring, not counted (default 5)
                  --concurrency C      concurrent workers = requests in flight (default 16)
                  --idempotency-key    send a unique Idempotency-Key header with each declare
                  --help               this text
                Prints declares/s, p50/p90/p99 latency, errors by kind, health/s and the ratio
                declares/s ÷ health/s, then one 'RESULT ...' line for scripts.
                Exit status: 0 all requests succeeded, 1 some failed (numbers still printed),
                2 bad arguments or the probe declare/health request failed.""");
    }

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:8080";
        String token = null;
        int seconds = 20, warmup = 5, concurrency = 16;
        boolean idempotencyKey = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "--seconds" -> seconds = intValue(args, ++i, 1, 3600);
                case "--warmup" -> warmup = intValue(args, ++i, 0, 600);
                case "--concurrency" -> concurrency = intValue(args, ++i, 1, 2000);
                case "--idempotency-key" -> idempotencyKey = true;
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (token == null || token.isBlank()) fail("--token is required");
        URI baseUri = localBase(base);

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI declareUri = baseUri.resolve("/api/v1/incidents");
        URI healthUri = baseUri.resolve("/actuator/health");
        final String bearer = "Bearer " + token;
        final boolean withKey = idempotencyKey;
        AtomicLong seq = new AtomicLong();
        String runId = Long.toString(System.currentTimeMillis(), 36);

        LongFunction<HttpRequest> declare = n -> {
            String json = "{\"title\":\"bench declare " + runId + "-" + n + "\",\"severity\":\"SEV3\",\"type\":\"default\","
                    + "\"summary\":\"DeclareLoad benchmark incident " + n + "\"}";
            HttpRequest.Builder b = HttpRequest.newBuilder(declareUri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", bearer)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (withKey) b.header("Idempotency-Key", UUID.randomUUID().toString());
            return b.build();
        };
        LongFunction<HttpRequest> health = n -> HttpRequest.newBuilder(healthUri)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();

        // Fail fast with the server's answer rather than hammering a misconfigured target for 25 s.
        HttpResponse<String> probe = client.send(declare.apply(seq.getAndIncrement()), HttpResponse.BodyHandlers.ofString());
        if (probe.statusCode() != 201 || !probe.body().matches("(?s).*\"id\"\\s*:\\s*\\d+.*")) {
            fail("probe declare got HTTP " + probe.statusCode() + " (expected 201 with an id): " + abbreviate(probe.body()));
        }
        HttpResponse<String> hprobe = client.send(health.apply(0), HttpResponse.BodyHandlers.ofString());
        if (hprobe.statusCode() != 200) fail("probe GET /actuator/health got HTTP " + hprobe.statusCode());

        System.out.printf("target %s, concurrency %d, warm-up %d s, measured %d s declares + %d s health, %d cores%n",
                baseUri, concurrency, warmup, seconds, seconds, Runtime.getRuntime().availableProcessors());
        if (warmup > 0) {
            run(client, n -> declare.apply(seq.getAndIncrement()), 201, concurrency, Duration.ofMillis(warmup * 500L));
            run(client, health, 200, concurrency, Duration.ofMillis(warmup * 500L));
        }
        Result d = run(client, n -> declare.apply(seq.getAndIncrement()), 201, concurrency, Duration.ofSeconds(seconds));
        Result h = run(client, health, 200, concurrency, Duration.ofSeconds(seconds));

        System.out.println();
        d.print("declare (POST /api/v1/incidents, expect 201)");
        h.print("health  (GET /actuator/health,   expect 200)");
        double ratio = h.okPerSecond() > 0 ? d.okPerSecond() / h.okPerSecond() : Double.NaN;
        System.out.printf("%nratio declares/s ÷ health/s = %.3f  (same concurrency, same run; compare this between runs)%n", ratio);
        System.out.printf(
                "RESULT declares_per_s=%.1f declare_p50_ms=%.2f declare_p90_ms=%.2f declare_p99_ms=%.2f declare_errors=%d"
                        + " health_per_s=%.1f health_p50_ms=%.2f ratio=%.4f%n",
                d.okPerSecond(), d.percentileMs(50), d.percentileMs(90), d.percentileMs(99), d.errors(),
                h.okPerSecond(), h.percentileMs(50), ratio);
        client.shutdownNow();
        // Numbers are printed either way; the exit status tells a script that some requests failed.
        System.exit(d.errors() > 0 || h.errors() > 0 || d.ok() == 0 || h.ok() == 0 ? 1 : 0);
    }

    /** One phase: C workers, each sending requests back to back until the deadline. */
    static Result run(HttpClient client, LongFunction<HttpRequest> requests, int expected, int concurrency, Duration length)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        AtomicLong budget = new AtomicLong(MAX_REQUESTS_PER_PHASE);
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<Future<long[]>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    long i = 0;
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        String error = null;
                        try {
                            HttpResponse<Void> r = client.send(requests.apply(i++), HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != expected) error = "HTTP " + r.statusCode();
                        } catch (IOException e) {
                            error = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        if (error != null) {
                            errors.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                            if (!error.startsWith("HTTP")) Thread.sleep(10); // don't spin on a dead server
                            continue;
                        }
                        if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                        lat[n++] = t1 - t0;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
        }
        long elapsed = System.nanoTime() - start;
        long[] all = futures.stream().map(DeclareLoad::join).flatMapToLong(Arrays::stream).sorted().toArray();
        Map<String, Long> errs = new TreeMap<>();
        errors.forEach((k, v) -> errs.put(k, v.get()));
        return new Result(all, errs, elapsed);
    }

    record Result(long[] sortedOkNanos, Map<String, Long> errorsByKind, long elapsedNanos) {
        long ok() {
            return sortedOkNanos.length;
        }

        long errors() {
            return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        double okPerSecond() {
            return ok() / (elapsedNanos / 1e9);
        }

        /** Nearest-rank percentile of successful requests' latency, in ms (NaN if none). */
        double percentileMs(double p) {
            if (sortedOkNanos.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100.0 * sortedOkNanos.length);
            return sortedOkNanos[Math.max(0, Math.min(sortedOkNanos.length - 1, rank - 1))] / 1e6;
        }

        void print(String label) {
            System.out.printf("%s: %d ok in %.1f s = %.1f/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " errors %d%s%n",
                    label, ok(), elapsedNanos / 1e9, okPerSecond(), percentileMs(50), percentileMs(90), percentileMs(99),
                    percentileMs(100), errors(), errorsByKind.isEmpty() ? "" : " " + errorsByKind);
        }
    }

    static long[] join(Future<long[]> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException("worker failed", e);
        }
    }

    /** Accepts only http(s) URLs whose host is the loopback interface. */
    static URI localBase(String base) {
        URI u;
        try {
            u = URI.create(base);
        } catch (IllegalArgumentException e) {
            fail("--base is not a URL: " + base);
            return null;
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
            int n = Integer.parseInt(v);
            if (n < min || n > max) fail(args[i - 1] + " must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            fail(args[i - 1] + " needs a number, got " + v);
            return 0;
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void fail(String message) {
        System.err.println("DeclareLoad: " + message);
        System.exit(2);
    }
}
