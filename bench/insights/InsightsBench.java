import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times Cairn's insights views on a large data set, beside SELECT count(*) FROM timeline_entries in
 * the same run: POST /api/v1/insights/refresh once (timed), then each view with typical filters N
 * times (p50/p99), then count(*) N times, and the ratio slowest view / count(*). Views the build
 * does not have (404) are reported as missing; the incident list queries are timed as well.
 *
 * <p>java -cp postgresql.jar bench/insights/InsightsBench.java --base http://127.0.0.1:8096 --token T
 * --jdbc jdbc:postgresql://127.0.0.1:5432/cairn_bench --runs 20
 */
public class InsightsBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = a.getOrDefault("base", "http://127.0.0.1:8096");
        String token = a.getOrDefault("token", "cairn_bench_insights_token_0123456789");
        String jdbc = a.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/cairn_bench");
        int runs = Integer.parseInt(a.getOrDefault("runs", "20"));
        String from = a.getOrDefault("from", "2023-12-01"), to = a.getOrDefault("to", "2026-11-30");
        String qFrom = a.getOrDefault("quarter-from", "2026-07-01"), qTo = a.getOrDefault("quarter-to", "2026-09-30");
        String team = a.getOrDefault("team", "1"), service = a.getOrDefault("service", "1");
        String host = URI.create(base).getHost();
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(host)) {
            throw new IllegalArgumentException("only a local Cairn is measured: " + host);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        long t = System.nanoTime();
        int refresh = send(http, "POST", base + "/api/v1/insights/refresh", token);
        double refreshMs = (System.nanoTime() - t) / 1e6;
        System.out.printf("refresh: POST /api/v1/insights/refresh -> %d in %.0f ms%s%n", refresh, refreshMs,
                refresh == 404 ? " (no such endpoint in this build: views are measured without a refresh)" : "");
        if (refresh == 202) {
            // The rebuild runs in the background: measuring before it ends would time half-built facts
            // (and a busy database). Follow its progress until it is done, bounded by an hour.
            long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
            String progress = "";
            while (System.nanoTime() < deadline) {
                progress = body(http, base + "/api/v1/insights/refresh", token);
                if (progress.contains("\"running\":false")) {
                    break;
                }
                Thread.sleep(2_000);
            }
            System.out.printf("rebuild of every insights fact: %.1f s (%s)%n", (System.nanoTime() - t) / 1e9, progress);
        }

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("whole range", "from=" + from + "&to=" + to);
        filters.put("one team", "from=" + from + "&to=" + to + "&team=" + team);
        filters.put("one service", "from=" + from + "&to=" + to + "&service=" + service);
        filters.put("one severity", "from=" + from + "&to=" + to + "&severity=SEV1");
        filters.put("one quarter", "from=" + qFrom + "&to=" + qTo);

        System.out.printf("%n%-40s %-13s %6s %9s %9s%n", "request", "filter", "status", "p50 ms", "p99 ms");
        double slowest = 0;
        String slowestName = null;
        List<String> missing = new ArrayList<>();
        for (String view : List.of("load", "expertise", "participation", "cost", "mttx", "learning")) {
            for (Map.Entry<String, String> f : filters.entrySet()) {
                String url = base + "/api/v1/insights/" + view + "?" + f.getValue();
                double[] r = time(http, url, token, runs);
                if (r == null) {
                    missing.add(view);
                    System.out.printf("%-40s %-13s %6s%n", "/api/v1/insights/" + view, f.getKey(), "404");
                    break;
                }
                System.out.printf("%-40s %-13s %6.0f %9.1f %9.1f%n", "/api/v1/insights/" + view, f.getKey(), r[2], r[0], r[1]);
                if (r[2] == 200 && r[0] > slowest) {
                    slowest = r[0];
                    slowestName = view + " (" + f.getKey() + ")";
                }
            }
        }
        // What exists in every build: the incident list, first page, with the same kinds of filters.
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("whole range", "from=" + from + "T00:00:00Z&to=" + to + "T00:00:00Z");
        lists.put("one service", "service=" + service);
        lists.put("one severity", "severity=SEV1");
        lists.put("one quarter", "from=" + qFrom + "T00:00:00Z&to=" + qTo + "T00:00:00Z");
        lists.put("text search", "q=poison");
        double slowestList = 0;
        for (Map.Entry<String, String> f : lists.entrySet()) {
            double[] r = time(http, base + "/api/v1/incidents?limit=50&" + f.getValue(), token, runs);
            System.out.printf("%-40s %-13s %6.0f %9.1f %9.1f%n", "/api/v1/incidents (first 50)", f.getKey(),
                    r == null ? 404 : r[2], r == null ? 0 : r[0], r == null ? 0 : r[1]);
            if (r != null) {
                slowestList = Math.max(slowestList, r[0]);
            }
        }

        double[] count = new double[runs];
        long rows = 0;
        try (Connection c = DriverManager.getConnection(jdbc, a.getOrDefault("user", "postgres"), "")) {
            for (int i = -2; i < runs; i++) {
                long s = System.nanoTime();
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from timeline_entries")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                if (i >= 0) {
                    count[i] = (System.nanoTime() - s) / 1e6;
                }
            }
        }
        Arrays.sort(count);
        double countP50 = pct(count, 50);
        System.out.printf("%-40s %-13s %6s %9.1f %9.1f%n", "SELECT count(*) FROM timeline_entries", String.format("%,d", rows),
                "-", countP50, pct(count, 99));
        System.out.println();
        if (slowestName != null) {
            System.out.printf("RATIO slowest view p50 / count(*) p50: %.2f  (%s: %.1f ms; count(*): %.1f ms)%n",
                    slowest / countP50, slowestName, slowest, countP50);
        } else {
            System.out.println("RATIO slowest view / count(*): n/a, no insights view answered 200 in this build");
        }
        System.out.printf("ratio slowest incident-list query p50 / count(*) p50: %.3f%n", slowestList / countP50);
        if (!missing.isEmpty()) {
            System.out.println("views missing in this build (404): " + String.join(", ", missing));
        }
    }

    /** p50, p99, last status; null when the endpoint does not exist. Two warm-up calls are not counted. */
    static double[] time(HttpClient http, String url, String token, int runs) throws Exception {
        double[] ms = new double[runs];
        int status = 0;
        for (int i = -2; i < runs; i++) {
            long s = System.nanoTime();
            status = send(http, "GET", url, token);
            if (status == 404) {
                return null;
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[] {pct(ms, 50), pct(ms, 99), status};
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String body(HttpClient http, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static int send(HttpClient http, String method, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
