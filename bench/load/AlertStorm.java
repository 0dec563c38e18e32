import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert storm: Alertmanager v4 webhooks into one Cairn integration at bounded concurrency, with 1,
 * 10 and 100 alerts per payload, a mix of new keys, repeats of firing keys and resolves of firing
 * keys (a quarter of the "new" ones reopen a resolved key). Yardstick in the same run: the same
 * number of alert rows (and the new keys' group rows) inserted straight into PostgreSQL with raw
 * JDBC batches at the same concurrency and batch size.
 * Afterwards it checks with SQL that every accepted alert is stored exactly once, that no key has
 * two open groups, and that each group's count is the number of firing alerts sent while it was open.
 *
 * <p>The generator keeps its own model of the keys: a key is in at most one request at a time (it is
 * leased from the pool of firing keys while its payload is in flight), so the order in which Cairn
 * sees a key's events is known and the expected counts are exact. Only keys that are firing are
 * repeated or resolved. A 503 is retried with the same body after Retry-After (nothing of it was
 * stored); any other failure makes the keys of that payload "uncertain" and leaves them out of the
 * per-group check.
 *
 * <p>Run: {@code java -cp postgresql.jar bench/load/AlertStorm.java --base http://127.0.0.1:8089
 * --token T --jdbc jdbc:postgresql://127.0.0.1:5432/db}. No dependencies besides the JDBC driver;
 * only localhost targets are accepted.
 */
public class AlertStorm {

    static final int MAX_PAYLOADS_PER_PHASE = 2_000_000; // hard bound besides the time limit
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");

    static void usage() {
        System.out.println(
                """
                Usage: java -cp postgresql.jar bench/load/AlertStorm.java --base URL --token TOKEN --jdbc URL [options]
                  --base URL           Cairn base URL, localhost only (default http://127.0.0.1:8080)
                  --token TOKEN        admin API token, 'Authorization: Bearer TOKEN' (required)
                  --jdbc URL           Cairn's database, jdbc:postgresql://127.0.0.1:5432/DB (required, localhost only)
                  --db-user U          database user (default postgres); --db-password P (default empty)
                  --seconds S          measured length of each batch-size phase (default 15)
                  --warmup S           warm-up before each phase, counted in the checks only (default 3)
                  --concurrency C      webhook requests (and JDBC connections) in flight (default 16)
                  --batches LIST       alerts per payload, one phase each (default 1,10,100)
                  --mix R,N,X          percent repeats, new keys, resolves (default 50,30,20)
                  --max-retries N      503 retries per payload before giving up (default 20)
                  --help               this text
                Prints per batch size: accepted alerts/s, webhook p50/p90/p99 (200 answers only), 503s and
                retries, other non-200s; raw JDBC rows/s for the same rows and the ratio; then the SQL checks
                (LOST, DUPLICATE rows, DUPLICATE_OPEN groups, COUNT_MISMATCH) and one 'RESULT ...' line.
                Exit status: 0 all good, 1 something lost, duplicated, miscounted or a request failed,
                2 bad arguments or the set-up failed.""");
    }

    // ---- the generator's model of the keys --------------------------------------------------------

    enum Kind { NEW, REPEAT, RESOLVE }

    /** One dedup key: the firing alerts of its open group, and the counts of its resolved groups. */
    static final class Key {
        final String fingerprint;
        final int host;
        boolean open;
        int openCount;
        boolean uncertain;
        final List<Integer> closedCounts = new ArrayList<>(1);

        Key(String fingerprint, int host) {
            this.fingerprint = fingerprint;
            this.host = host;
        }
    }

    record Item(Key key, Kind kind, long seq) {}

    static final class Model {
        final Random random = new Random(42);
        final List<Key> free = new ArrayList<>(); // firing and not in any request in flight
        final List<Key> resolved = new ArrayList<>(); // resolved and not in flight: a "new" alert may reopen one
        final Map<String, Key> keys = new HashMap<>();
        final BitSet accepted = new BitSet();
        final BitSet uncertainSeqs = new BitSet();
        final String run;
        final int repeatPct, newPct;
        long nextKey, nextSeq;
        long acceptedNew, acceptedRepeat, acceptedResolve;

        Model(String run, int repeatPct, int newPct) {
            this.run = run;
            this.repeatPct = repeatPct;
            this.newPct = newPct;
        }

        /** A payload's alerts; keys taken from the pool stay out of it until the answer. */
        synchronized List<Item> next(int size) {
            List<Item> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int r = random.nextInt(100);
                Kind kind = r < repeatPct ? Kind.REPEAT : r < repeatPct + newPct ? Kind.NEW : Kind.RESOLVE;
                if (kind != Kind.NEW && free.isEmpty()) kind = Kind.NEW; // nothing firing is free: open a key
                Key key;
                if (kind == Kind.NEW && !resolved.isEmpty() && random.nextInt(4) == 0) {
                    key = take(resolved); // a quarter of the new alerts reopen a resolved key (a flap)
                } else if (kind == Kind.NEW) {
                    long n = nextKey++;
                    key = new Key(run + "-" + n, (int) (n % 50));
                    keys.put(key.fingerprint, key);
                } else {
                    key = take(free);
                }
                items.add(new Item(key, kind, nextSeq++));
            }
            return items;
        }

        private Key take(List<Key> pool) {
            int at = random.nextInt(pool.size());
            Key key = pool.get(at);
            pool.set(at, pool.get(pool.size() - 1));
            pool.remove(pool.size() - 1);
            return key;
        }

        /** The payload got 200: apply its alerts in order and give the firing keys back. */
        synchronized void accepted(List<Item> items) {
            for (Item it : items) {
                accepted.set(Math.toIntExact(it.seq()));
                Key k = it.key();
                switch (it.kind()) {
                    case NEW -> {
                        k.open = true;
                        k.openCount = 1;
                        free.add(k);
                        acceptedNew++;
                    }
                    case REPEAT -> {
                        k.openCount++;
                        free.add(k);
                        acceptedRepeat++;
                    }
                    case RESOLVE -> {
                        k.closedCounts.add(k.openCount);
                        k.open = false;
                        k.openCount = 0;
                        resolved.add(k);
                        acceptedResolve++;
                    }
                }
            }
        }

        /** No 200 and no 503: Cairn may or may not have stored it, so these keys leave the exact checks. */
        synchronized void uncertain(List<Item> items) {
            for (Item it : items) {
                it.key().uncertain = true;
                uncertainSeqs.set(Math.toIntExact(it.seq()));
            }
        }

        synchronized long acceptedCount() {
            return accepted.cardinality();
        }
    }

    static String payload(List<Item> items) {
        StringBuilder sb = new StringBuilder(items.size() * 400 + 200);
        boolean anyFiring = items.stream().anyMatch(i -> i.kind() != Kind.RESOLVE);
        sb.append("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"StormAlert\\\"}\",\"receiver\":\"cairn\",\"status\":\"")
                .append(anyFiring ? "firing" : "resolved")
                .append("\",\"commonLabels\":{\"alertname\":\"StormAlert\"},\"alerts\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(alertJson(items.get(i)));
        }
        return sb.append("]}").toString();
    }

    static String alertJson(Item it) {
        Key k = it.key();
        String status = it.kind() == Kind.RESOLVE ? "resolved" : "firing";
        return "{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"StormAlert\",\"severity\":\"warning\","
                + "\"instance\":\"host-" + k.host + ":9100\",\"storm_key\":\"" + k.fingerprint + "\"},"
                + "\"annotations\":{\"summary\":\"Storm alert " + k.fingerprint + " on host-" + k.host + "\","
                + "\"storm_seq\":\"" + it.seq() + "\"},\"startsAt\":\"2026-11-27T00:00:00Z\","
                + "\"endsAt\":\"" + (it.kind() == Kind.RESOLVE ? "2026-11-27T01:00:00Z" : "0001-01-01T00:00:00Z")
                + "\",\"generatorURL\":\"http://prometheus.local/graph\",\"fingerprint\":\"" + k.fingerprint + "\"}";
    }

    // ---- one webhook phase --------------------------------------------------------------------------

    static final class Stats {
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final AtomicLong accepted = new AtomicLong(), payloads = new AtomicLong();
        final AtomicLong http503 = new AtomicLong(), retries = new AtomicLong(), givenUp = new AtomicLong();
        final AtomicLong nNew = new AtomicLong(), nRepeat = new AtomicLong(), nResolve = new AtomicLong();
        long[] sortedOkNanos = new long[0];
        long elapsedNanos;

        double alertsPerSecond() {
            return accepted.get() / (elapsedNanos / 1e9);
        }

        double percentileMs(double p) {
            if (sortedOkNanos.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100.0 * sortedOkNanos.length);
            return sortedOkNanos[Math.max(0, Math.min(sortedOkNanos.length - 1, rank - 1))] / 1e6;
        }

        long otherErrors() {
            return errors.values().stream().mapToLong(AtomicLong::get).sum();
        }

        Map<String, Long> errorsSorted() {
            Map<String, Long> m = new TreeMap<>();
            errors.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }
    }

    static Stats storm(HttpClient client, URI hook, Model model, int batch, int concurrency, Duration length, int maxRetries)
            throws Exception {
        Stats s = new Stats();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        AtomicLong budget = new AtomicLong(MAX_PAYLOADS_PER_PHASE);
        List<Future<long[]>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        List<Item> items = model.next(batch);
                        HttpRequest request = HttpRequest.newBuilder(hook)
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(payload(items)))
                                .build();
                        for (int attempt = 0; ; attempt++) {
                            long t0 = System.nanoTime();
                            String error = null;
                            long retryAfterMs = 0;
                            try {
                                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 200) {
                                    long t1 = System.nanoTime();
                                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                                    lat[n++] = t1 - t0;
                                    model.accepted(items);
                                    s.accepted.addAndGet(items.size());
                                    s.payloads.incrementAndGet();
                                    for (Item it : items) {
                                        (it.kind() == Kind.NEW ? s.nNew : it.kind() == Kind.REPEAT ? s.nRepeat : s.nResolve)
                                                .incrementAndGet();
                                    }
                                    break;
                                }
                                if (r.statusCode() == 503) {
                                    s.http503.incrementAndGet();
                                    retryAfterMs = 1000L * r.headers().firstValue("Retry-After")
                                            .map(v -> {
                                                try {
                                                    return Long.parseLong(v.trim());
                                                } catch (NumberFormatException e) {
                                                    return 1L;
                                                }
                                            })
                                            .orElse(1L);
                                } else {
                                    error = "HTTP " + r.statusCode();
                                }
                            } catch (IOException e) {
                                error = e.getClass().getSimpleName(); // it may have been stored: uncertain
                            }
                            if (error != null) {
                                s.errors.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                                model.uncertain(items);
                                Thread.sleep(10); // don't spin on a dead server
                                break;
                            }
                            if (attempt >= maxRetries) {
                                s.givenUp.incrementAndGet();
                                model.uncertain(items); // a 503 stores nothing, but keep the model honest
                                break;
                            }
                            s.retries.incrementAndGet();
                            Thread.sleep(Math.max(100, Math.min(retryAfterMs, 30_000))); // as a real sender would
                        }
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
        }
        s.elapsedNanos = System.nanoTime() - start; // includes retries finishing after the deadline
        s.sortedOkNanos = futures.stream().map(AlertStorm::join).flatMapToLong(Arrays::stream).sorted().toArray();
        return s;
    }

    // ---- the raw JDBC ceiling -------------------------------------------------------------------------

    record Ceiling(long rows, long groups, long elapsedNanos) {
        double rowsPerSecond() {
            return rows / (elapsedNanos / 1e9);
        }
    }

    /**
     * The same number of alert rows, in transactions of the same batch size at the same concurrency,
     * straight into alerts (plus an alert_groups row for each new key, with the same mix) of a scratch
     * integration: no HTTP, no JSON parsing, no dedup look-ups or count updates.
     */
    static Ceiling ceiling(String jdbcUrl, String user, String password, long integrationId, long rows, int batch,
            int concurrency, int repeatPct, int newPct, String run) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                c.setAutoCommit(false);
                connections.add(c);
            }
            AtomicLong remaining = new AtomicLong(rows);
            AtomicLong groups = new AtomicLong();
            long start = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < concurrency; w++) {
                    Connection c = connections.get(w);
                    int worker = w;
                    futures.add(pool.submit(() -> {
                        Random random = new Random(worker);
                        List<long[]> open = new ArrayList<>(); // {group id, key number}
                        long keyNo = 0, done = 0;
                        try (PreparedStatement g = c.prepareStatement(
                                        "insert into alert_groups (integration_id, dedup_key, open_key, status, title, severity,"
                                                + " source, details, fields, count, flaps, first_seen, last_seen)"
                                                + " values (?, ?, ?, 'firing', ?, 'warning', ?, ?, ?, 1, 0, ?, ?)",
                                        new String[] {"id"});
                                PreparedStatement a = c.prepareStatement("insert into alerts (group_id, integration_id,"
                                        + " action, received_at, payload) values (?, ?, ?, ?, ?)")) {
                            while (true) {
                                long take = Math.min(batch, remaining.getAndAdd(-batch));
                                if (take <= 0) break;
                                Timestamp now = Timestamp.from(Instant.now());
                                List<Object[]> alerts = new ArrayList<>();
                                List<Integer> newAt = new ArrayList<>();
                                for (int i = 0; i < take; i++) {
                                    int r = random.nextInt(100);
                                    boolean isNew = open.isEmpty() || (r >= repeatPct && r < repeatPct + newPct);
                                    boolean resolve = !isNew && r >= repeatPct + newPct;
                                    long key;
                                    if (isNew) {
                                        key = keyNo++;
                                        String fp = run + "-ceil-b" + batch + "-" + worker + "-" + key;
                                        String details = "{\"labels\":{\"alertname\":\"StormAlert\",\"storm_key\":\"" + fp + "\"}}";
                                        g.setLong(1, integrationId);
                                        g.setString(2, fp);
                                        g.setString(3, integrationId + ":" + fp);
                                        g.setString(4, "Storm alert " + fp);
                                        g.setString(5, "host-" + (key % 50) + ":9100");
                                        g.setString(6, details);
                                        g.setString(7, "{\"alertname\":\"StormAlert\",\"storm_key\":\"" + fp + "\"}");
                                        g.setTimestamp(8, now);
                                        g.setTimestamp(9, now);
                                        g.addBatch();
                                        newAt.add(alerts.size());
                                        alerts.add(new Object[] {null, "trigger", fp, key});
                                    } else {
                                        long[] o = open.get(random.nextInt(open.size()));
                                        String fp = run + "-ceil-b" + batch + "-" + worker + "-" + o[1];
                                        alerts.add(new Object[] {o[0], resolve ? "resolve" : "trigger", fp, o[1]});
                                    }
                                }
                                if (!newAt.isEmpty()) {
                                    g.executeBatch();
                                    try (ResultSet keys = g.getGeneratedKeys()) {
                                        for (int at : newAt) {
                                            if (!keys.next()) throw new SQLException("missing generated group id");
                                            Object[] row = alerts.get(at);
                                            row[0] = keys.getLong(1);
                                            open.add(new long[] {keys.getLong(1), (Long) row[3]});
                                        }
                                    }
                                    groups.addAndGet(newAt.size());
                                }
                                for (Object[] row : alerts) {
                                    long fake = (Long) row[3];
                                    Item it = new Item(new Key((String) row[2], (int) (fake % 50)),
                                            "resolve".equals(row[1]) ? Kind.RESOLVE : Kind.REPEAT, fake);
                                    a.setLong(1, (Long) row[0]);
                                    a.setLong(2, integrationId);
                                    a.setString(3, (String) row[1]);
                                    a.setTimestamp(4, now);
                                    a.setString(5, alertJson(it));
                                    a.addBatch();
                                }
                                a.executeBatch();
                                c.commit();
                                done += take;
                                if (open.size() > 4096) open.subList(0, 2048).clear(); // keep picks cheap
                            }
                        }
                        return done;
                    }));
                }
            }
            long elapsed = System.nanoTime() - start;
            long done = 0;
            for (Future<Long> f : futures) done += f.get();
            return new Ceiling(done, groups.get(), elapsed);
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing
                }
            }
        }
    }

    // ---- main -----------------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:8080", token = null, jdbc = null, dbUser = "postgres", dbPassword = "";
        int seconds = 15, warmup = 3, concurrency = 16, maxRetries = 20;
        int[] batches = {1, 10, 100};
        int[] mix = {50, 30, 20};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "--jdbc" -> jdbc = value(args, ++i);
                case "--db-user" -> dbUser = value(args, ++i);
                case "--db-password" -> dbPassword = value(args, ++i);
                case "--seconds" -> seconds = intValue(args, ++i, 1, 3600);
                case "--warmup" -> warmup = intValue(args, ++i, 0, 600);
                case "--concurrency" -> concurrency = intValue(args, ++i, 1, 1000);
                case "--max-retries" -> maxRetries = intValue(args, ++i, 0, 1000);
                case "--batches" -> batches = ints(args, ++i, 1, 5000);
                case "--mix" -> {
                    mix = ints(args, ++i, 0, 100);
                    if (mix.length != 3 || mix[0] + mix[1] + mix[2] != 100 || mix[1] == 0) {
                        fail("--mix needs three percentages (repeats,new,resolves) adding up to 100, new > 0");
                    }
                }
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (token == null || token.isBlank()) fail("--token is required");
        if (jdbc == null) fail("--jdbc is required (jdbc:postgresql://127.0.0.1:5432/DB)");
        URI baseUri = localBase(base);
        Matcher jm = Pattern.compile("^jdbc:postgresql://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?/.+").matcher(jdbc);
        if (!jm.find()) fail("refusing --jdbc " + jdbc + ": only jdbc:postgresql://127.0.0.1|localhost|[::1] is allowed");
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            fail("the PostgreSQL JDBC driver is not on the class path: java -cp postgresql-<v>.jar bench/load/AlertStorm.java ...");
        }

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String run = "storm" + Long.toString(System.currentTimeMillis(), 36);
        long[] storm = createIntegration(client, baseUri, token, run);
        long[] scratch = createIntegration(client, baseUri, token, run + "-ceiling");
        long integrationId = storm[0], scratchId = scratch[0];
        URI hook = hookUri(baseUri, storm);
        Model model = new Model(run, mix[0], mix[1]);

        // Probe: one new key through the real hook, so a wrong URL or a broken parser stops us at once.
        List<Item> probeItems = model.next(1);
        HttpResponse<String> probe = client.send(HttpRequest.newBuilder(hook)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(payload(probeItems)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (probe.statusCode() != 200) fail("probe webhook got HTTP " + probe.statusCode() + ": " + abbreviate(probe.body()));
        model.accepted(probeItems);

        System.out.printf("target %s, integration %d (scratch %d for the JDBC ceiling), concurrency %d, warm-up %d s +"
                        + " %d s per batch size %s, mix repeats/new/resolves %d/%d/%d %%, %d cores%n",
                baseUri, integrationId, scratchId, concurrency, warmup, seconds, Arrays.toString(batches), mix[0], mix[1],
                mix[2], Runtime.getRuntime().availableProcessors());

        Map<Integer, Stats> stats = new LinkedHashMap<>();
        Map<Integer, Ceiling> ceilings = new LinkedHashMap<>();
        for (int batch : batches) {
            if (warmup > 0) storm(client, hook, model, batch, concurrency, Duration.ofSeconds(warmup), maxRetries);
            Stats s = storm(client, hook, model, batch, concurrency, Duration.ofSeconds(seconds), maxRetries);
            Ceiling c = ceiling(jdbc, dbUser, dbPassword, scratchId, Math.max(s.accepted.get(), batch), batch, concurrency,
                    mix[0], mix[1], run);
            stats.put(batch, s);
            ceilings.put(batch, c);
            System.out.println();
            System.out.printf("batch %d alert(s)/payload: %d alerts accepted in %.1f s = %.1f alerts/s (%.1f payloads/s);"
                            + " latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (200s only)%n",
                    batch, s.accepted.get(), s.elapsedNanos / 1e9, s.alertsPerSecond(), s.payloads.get() / (s.elapsedNanos / 1e9),
                    s.percentileMs(50), s.percentileMs(90), s.percentileMs(99), s.percentileMs(100));
            System.out.printf("  sent new %d, repeats %d, resolves %d; 503 answers %d (retried %d, given up %d);"
                            + " other non-200 %d%s%n",
                    s.nNew.get(), s.nRepeat.get(), s.nResolve.get(), s.http503.get(), s.retries.get(), s.givenUp.get(),
                    s.otherErrors(), s.errors.isEmpty() ? "" : " " + s.errorsSorted());
            System.out.printf("  raw JDBC ceiling: %d alert rows + %d group rows in %.2f s = %.1f rows/s"
                            + " (batches of %d, %d connections)%n",
                    c.rows(), c.groups(), c.elapsedNanos() / 1e9, c.rowsPerSecond(), batch, concurrency);
            System.out.printf("  ratio Cairn alerts/s ÷ raw JDBC rows/s = %.3f%n", s.alertsPerSecond() / c.rowsPerSecond());
        }

        // ---- checks, in SQL on Cairn's database ----
        System.out.println();
        Check check;
        try (Connection c = DriverManager.getConnection(jdbc, dbUser, dbPassword)) {
            check = check(c, integrationId, model);
            // The scratch rows only served as the yardstick: remove them and switch the integration off.
            try (Statement st = c.createStatement()) {
                st.executeUpdate("delete from alerts where integration_id = " + scratchId);
                st.executeUpdate("delete from alert_groups where integration_id = " + scratchId);
                st.executeUpdate("update integrations set active = false where id = " + scratchId);
            }
        }
        long totalAccepted = model.acceptedCount();
        System.out.printf("checks on integration %d: %d alert events answered 200 (new %d, repeats %d, resolves %d),"
                        + " %d rows in alerts (%d distinct events); %d keys, %d groups%n",
                integrationId, totalAccepted, model.acceptedNew, model.acceptedRepeat, model.acceptedResolve, check.rows,
                check.distinct, model.keys.size(), check.groups);
        System.out.printf("  uncertain (no 200, no 503): %d events, %d of them stored; unexpected stored events %d;"
                        + " keys left out of the count check %d%n",
                model.uncertainSeqs.cardinality(), check.uncertainStored, check.unexpected, check.uncertainKeys);
        for (String example : check.examples) System.out.println("  " + example);
        System.out.printf("LOST=%d DUPLICATE_OPEN=%d DUPLICATE_ROWS=%d COUNT_MISMATCH=%d%n",
                check.lost, check.duplicateOpen, check.duplicateRows, check.countMismatch);

        StringBuilder result = new StringBuilder("RESULT");
        long http503 = 0, retries = 0, givenUp = 0, errors = 0;
        for (int batch : batches) {
            Stats s = stats.get(batch);
            Ceiling c = ceilings.get(batch);
            result.append(String.format(" b%d_alerts_per_s=%.1f b%d_p50_ms=%.2f b%d_p99_ms=%.2f b%d_jdbc_rows_per_s=%.1f"
                            + " b%d_ratio=%.4f",
                    batch, s.alertsPerSecond(), batch, s.percentileMs(50), batch, s.percentileMs(99), batch,
                    c.rowsPerSecond(), batch, s.alertsPerSecond() / c.rowsPerSecond()));
            http503 += s.http503.get();
            retries += s.retries.get();
            givenUp += s.givenUp.get();
            errors += s.otherErrors();
        }
        result.append(String.format(" http_503=%d retries=%d given_up=%d errors=%d lost=%d duplicate_rows=%d"
                        + " duplicate_open=%d count_mismatch=%d",
                http503, retries, givenUp, errors, check.lost, check.duplicateRows, check.duplicateOpen, check.countMismatch));
        System.out.println(result);
        client.shutdownNow();
        boolean bad = check.lost > 0 || check.duplicateRows > 0 || check.duplicateOpen > 0 || check.countMismatch > 0
                || check.unexpected > 0 || errors > 0 || givenUp > 0;
        System.exit(bad ? 1 : 0);
    }

    static final class Check {
        long rows, distinct, lost, duplicateRows, duplicateOpen, countMismatch, unexpected, uncertainStored, uncertainKeys,
                groups;
        final List<String> examples = new ArrayList<>();
    }

    static Check check(Connection c, long integrationId, Model model) throws SQLException {
        Check k = new Check();
        synchronized (model) {
            // 1. every event answered 200 is in alerts exactly once (matched by its storm_seq annotation)
            Map<Long, Integer> seen = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select (payload::jsonb -> 'annotations' ->> 'storm_seq')::bigint"
                    + " from alerts where integration_id = ?")) {
                ps.setLong(1, integrationId);
                ps.setFetchSize(10_000);
                c.setAutoCommit(false); // fetch size only streams inside a transaction
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        k.rows++;
                        seen.merge(rs.getLong(1), 1, Integer::sum);
                    }
                }
                c.commit();
                c.setAutoCommit(true);
            }
            k.distinct = seen.size();
            for (Map.Entry<Long, Integer> e : seen.entrySet()) {
                int seq = Math.toIntExact(e.getKey());
                if (e.getValue() > 1) {
                    k.duplicateRows += e.getValue() - 1;
                    if (k.examples.size() < 5) k.examples.add("event " + seq + " stored " + e.getValue() + " times");
                }
                if (!model.accepted.get(seq)) {
                    if (model.uncertainSeqs.get(seq)) k.uncertainStored++;
                    else k.unexpected++;
                }
            }
            for (int seq = model.accepted.nextSetBit(0); seq >= 0; seq = model.accepted.nextSetBit(seq + 1)) {
                if (!seen.containsKey((long) seq)) {
                    k.lost++;
                    if (k.examples.size() < 10) k.examples.add("event " + seq + " answered 200 but not in alerts");
                }
            }
            // 2. no dedup key has two open groups
            try (PreparedStatement ps = c.prepareStatement("select dedup_key, count(*) from alert_groups where integration_id = ?"
                    + " and status = 'firing' group by dedup_key having count(*) > 1")) {
                ps.setLong(1, integrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        k.duplicateOpen++;
                        if (k.examples.size() < 15) k.examples.add("key " + rs.getString(1) + " has " + rs.getLong(2) + " open groups");
                    }
                }
            }
            // 3. each group's count = the firing alerts sent for its key while it was open, in order
            Map<String, List<String>> actual = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select dedup_key, status, count from alert_groups"
                    + " where integration_id = ? order by dedup_key, id")) {
                ps.setLong(1, integrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        k.groups++;
                        actual.computeIfAbsent(rs.getString(1), x -> new ArrayList<>()).add(rs.getString(2) + ":" + rs.getInt(3));
                    }
                }
            }
            for (Key key : model.keys.values()) {
                if (key.uncertain) {
                    k.uncertainKeys++;
                    actual.remove(key.fingerprint);
                    continue;
                }
                List<String> expected = new ArrayList<>();
                for (int count : key.closedCounts) expected.add("resolved:" + count);
                if (key.open) expected.add("firing:" + key.openCount);
                List<String> got = actual.remove(key.fingerprint);
                if (got == null) got = List.of();
                if (!expected.equals(got)) {
                    k.countMismatch++;
                    if (k.examples.size() < 20) k.examples.add("key " + key.fingerprint + " expected " + expected + " got " + got);
                }
            }
            for (Map.Entry<String, List<String>> e : actual.entrySet()) { // groups for keys never sent (or never accepted)
                k.countMismatch++;
                if (k.examples.size() < 20) k.examples.add("key " + e.getKey() + " unexpected groups " + e.getValue());
            }
        }
        return k;
    }

    // ---- set-up helpers -------------------------------------------------------------------------------

    /** POST /api/v1/integrations; returns {id} and remembers the hook URL in URLS. */
    static final Map<Long, String> URLS = new ConcurrentHashMap<>();

    static long[] createIntegration(HttpClient client, URI base, String token, String name) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/integrations"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"kind\":\"alertmanager\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(r.body());
        Matcher url = URL.matcher(r.body());
        if (r.statusCode() != 201 || !id.find() || !url.find()) {
            fail("creating integration " + name + " got HTTP " + r.statusCode() + " (expected 201 with id and url): "
                    + abbreviate(r.body()));
        }
        long n = Long.parseLong(id.group(1));
        URLS.put(n, url.group(1));
        return new long[] {n};
    }

    /** The hook URL as answered, but always sent to --base (the answer may name another host form). */
    static URI hookUri(URI base, long[] integration) {
        URI answered = URI.create(URLS.get(integration[0]));
        return base.resolve(answered.getRawPath());
    }

    static <T> T join(Future<T> f) {
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

    static int[] ints(String[] args, int i, int min, int max) {
        String v = value(args, i);
        try {
            int[] out = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int n : out) if (n < min || n > max) fail(args[i - 1] + " values must be between " + min + " and " + max);
            if (out.length == 0) fail(args[i - 1] + " needs at least one value");
            return out;
        } catch (NumberFormatException e) {
            fail(args[i - 1] + " needs comma-separated numbers, got " + v);
            return null;
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void fail(String message) {
        System.err.println("AlertStorm: " + message);
        System.exit(2);
    }
}
