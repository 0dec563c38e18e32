import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Kills a Cairn node with SIGKILL in the middle of work and counts what survived; bench/kill-node.sh
 * starts two nodes (A and B, different ports and node names) on one PostgreSQL database and runs
 * this once per scenario.
 *
 * <p>{@code --scenario storm}: alert payloads alternate between A and B at bounded concurrency; when
 * half of them are answered, A is killed. Like a load balancer, the sender retries a request that
 * failed on A (refused, reset, no answer, 5xx) on B, and sends nothing more to A once a connection to
 * it is refused. Then SQL: every alert answered 2xx is stored (nothing lost), each key has exactly
 * one group (no duplicate open groups), each group's count is its stored alerts. An alert whose
 * first try died with A after A committed is stored twice (the sender retried: at least once); those
 * are counted apart and are not failures.
 *
 * <p>{@code --scenario escalation}: each node first sends one e-mail and loads the acknowledgement-link
 * signing key (a node that has paged before; {@code --cold} skips both). Then N alerts, each opening
 * one page, go to A, 4 at a time (the policy's step 1 pages one person at once, step 2 is minutes away).
 * A's SMTP server is slow (it takes the whole message, then holds its 250; or, with {@code --slow-at
 * greeting}, holds its 220), so A has sends in flight; when it holds {@code --kill-holding} of them, the
 * program notes what A holds (scheduled_tasks.picked_by, deliveries claimed by A) and kills A. Alerts
 * that fail on A go to B. It measures how long until B revived and continued the work A held, and
 * counts: every page fired step 1 exactly once, every planned e-mail was sent and received at least
 * once, and how many arrived twice (A died between the SMTP handoff and recording it: at least once).
 *
 * <p>Run through bench/kill-node.sh. Needs the PostgreSQL JDBC driver; only localhost targets.
 */
public class KillNode {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");

    static void usage() {
        System.out.println(
                """
                Usage: java -cp postgresql.jar bench/load/KillNode.java --scenario storm|escalation --node-a URL --node-b URL
                         --pid-a PID --name-a NAME --name-b NAME --token T --jdbc URL --smtp-a PORT --smtp-b PORT [options]
                  --db-user U          database user (default postgres)
                  --log-a F --log-b F  the nodes' logs, to say which node fired each step and sent each e-mail
                  storm:      --payloads 600 --batch 5 --concurrency 8 --kill-at 50 (percent of payloads answered)
                  escalation: --pages 50 --slow-ms 3000 (A's SMTP server holds each 250 this long) --step-delay 10
                              --slow-at data|greeting (default data: A's SMTP server has the whole message and holds its 250;
                              greeting: it holds its 220, so nothing has been handed over yet when A dies)
                              --kill-holding 8 (kill A when its SMTP server holds this many sessions)
                              --timeout 120 (s after the kill to wait for everything)
                              --cold (the nodes neither send an e-mail nor load the ack-link signing key before the run)
                Prints a summary and one 'RESULT ...' line; exit 0 when nothing was lost, 1 when something was lost or
                fired twice, 2 when the set-up failed.""");
    }

    // ---- the SMTP sink ---------------------------------------------------------------------------

    /** One message as the sink got it: when DATA ended, its subject and Cairn's delivery headers. */
    static final class Mail {
        final String sink;
        final long nanos;
        final Instant wall;
        final String subject, deliveryId, topic;
        volatile boolean answered; // the sink wrote its 250 (the sender may still have died before reading it)

        Mail(String sink, long nanos, Instant wall, String subject, String deliveryId, String topic) {
            this.sink = sink;
            this.nanos = nanos;
            this.wall = wall;
            this.subject = subject;
            this.deliveryId = deliveryId;
            this.topic = topic;
        }
    }

    /**
     * A minimal SMTP server: 220, EHLO/HELO 250, MAIL/RCPT/RSET/NOOP 250, DATA 354 ... "." 250
     * (after {@code delayMs}, to make a slow mail server), QUIT 221. A message counts as received when
     * its DATA ends, as a real server would queue it before answering.
     */
    static final class Sink implements AutoCloseable {
        final String name;
        final int delayMs;
        final ServerSocket server;
        final List<Mail> mails = new CopyOnWriteArrayList<>();
        final AtomicInteger holding = new AtomicInteger(); // messages received whose 250 is being held back
        final AtomicLong connections = new AtomicLong();
        volatile java.util.function.Consumer<Mail> listener = m -> {};
        volatile boolean closed;

        final boolean slowGreeting; // hold the 220 greeting instead: the message is never handed over while held

        Sink(String name, int port, int delayMs) throws IOException {
            this(name, port, delayMs, false);
        }

        Sink(String name, int port, int delayMs, boolean slowGreeting) throws IOException {
            this.name = name;
            this.delayMs = delayMs;
            this.slowGreeting = slowGreeting;
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            Thread.ofPlatform().daemon().name("smtp-" + name).start(this::accept);
        }

        private void accept() {
            while (!closed) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> session(s));
                } catch (IOException e) {
                    if (closed) return;
                }
            }
        }

        private void session(Socket socket) {
            try (socket) {
                socket.setSoTimeout(60_000);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                if (slowGreeting && delayMs > 0) {
                    holding.incrementAndGet();
                    try {
                        Thread.sleep(delayMs);
                    } finally {
                        holding.decrementAndGet();
                    }
                }
                reply(out, "220 bench-smtp ESMTP");
                String line;
                while ((line = readLine(in)) != null) {
                    String verb = (line.length() > 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT).trim();
                    switch (verb) {
                        case "EHLO", "HELO" -> reply(out, "250 bench-smtp");
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        case "DATA" -> {
                            reply(out, "354 end data with <CR><LF>.<CR><LF>");
                            Map<String, String> headers = new HashMap<>();
                            boolean inHeaders = true;
                            String name = null;
                            while (true) {
                                String l = readLine(in);
                                if (l == null) return;
                                if (l.equals(".")) break;
                                if (!inHeaders) continue;
                                if (l.isEmpty()) {
                                    inHeaders = false;
                                } else if ((l.startsWith(" ") || l.startsWith("\t")) && name != null) {
                                    headers.merge(name, " " + l.strip(), String::concat); // folded header
                                } else {
                                    int colon = l.indexOf(':');
                                    if (colon > 0) {
                                        name = l.substring(0, colon).toLowerCase(Locale.ROOT);
                                        headers.put(name, l.substring(colon + 1).strip());
                                    }
                                }
                            }
                            Mail mail = new Mail(name(), System.nanoTime(), Instant.now(), headers.getOrDefault("subject", ""),
                                    headers.get("x-cairn-delivery"), headers.get("x-cairn-topic"));
                            mails.add(mail);
                            listener.accept(mail);
                            if (delayMs > 0 && !slowGreeting) {
                                holding.incrementAndGet();
                                try {
                                    Thread.sleep(delayMs);
                                } finally {
                                    holding.decrementAndGet();
                                }
                            }
                            reply(out, "250 queued");
                            mail.answered = true;
                        }
                        default -> reply(out, "250 OK"); // MAIL FROM, RCPT TO, RSET, NOOP
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // the sender went away
            }
        }

        String name() {
            return name;
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') break;
                if (line.size() < 100_000) line.write(b);
            }
            if (b == -1 && line.size() == 0) return null;
            byte[] bytes = line.toByteArray();
            int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            server.close();
        }
    }

    // ---- main ---------------------------------------------------------------------------------------

    static HttpClient client;
    static String token;
    static URI nodeA, nodeB;
    static long pidA;
    static String nameA, nameB, jdbc, dbUser = "postgres";
    static Path logA, logB;

    public static void main(String[] args) throws Exception {
        String scenario = null;
        int payloads = 600, batch = 5, concurrency = 8, killAt = 50, pages = 50, slowMs = 3000, stepDelay = 10, timeout = 120;
        int smtpA = -1, smtpB = -1, killHolding = 8;
        boolean cold = false, slowGreeting = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = value(args, ++i);
                case "--node-a" -> nodeA = localBase(value(args, ++i));
                case "--node-b" -> nodeB = localBase(value(args, ++i));
                case "--pid-a" -> pidA = Long.parseLong(value(args, ++i));
                case "--name-a" -> nameA = value(args, ++i);
                case "--name-b" -> nameB = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "--jdbc" -> jdbc = value(args, ++i);
                case "--db-user" -> dbUser = value(args, ++i);
                case "--smtp-a" -> smtpA = intValue(args, ++i, 1, 65535);
                case "--smtp-b" -> smtpB = intValue(args, ++i, 1, 65535);
                case "--log-a" -> logA = Path.of(value(args, ++i));
                case "--log-b" -> logB = Path.of(value(args, ++i));
                case "--payloads" -> payloads = intValue(args, ++i, 2, 100_000);
                case "--batch" -> batch = intValue(args, ++i, 1, 1000);
                case "--concurrency" -> concurrency = intValue(args, ++i, 1, 64);
                case "--kill-at" -> killAt = intValue(args, ++i, 1, 99);
                case "--pages" -> pages = intValue(args, ++i, 1, 2000);
                case "--slow-ms" -> slowMs = intValue(args, ++i, 0, 4500);
                case "--step-delay" -> stepDelay = intValue(args, ++i, 1, 1440);
                case "--timeout" -> timeout = intValue(args, ++i, 10, 900);
                case "--kill-holding" -> killHolding = intValue(args, ++i, 1, 1000);
                case "--cold" -> cold = true;
                case "--slow-at" -> {
                    String at = value(args, ++i);
                    if (!at.equals("data") && !at.equals("greeting")) fail("--slow-at must be data or greeting");
                    slowGreeting = at.equals("greeting");
                }
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (scenario == null || !(scenario.equals("storm") || scenario.equals("escalation"))) fail("--scenario storm|escalation is required");
        if (nodeA == null || nodeB == null || pidA <= 0 || nameA == null || nameB == null || token == null || jdbc == null) {
            fail("--node-a, --node-b, --pid-a, --name-a, --name-b, --token and --jdbc are required");
        }
        if (!jdbc.matches("^jdbc:postgresql://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?/.+")) fail("--jdbc must be a localhost PostgreSQL URL");
        if (ProcessHandle.of(pidA).filter(ProcessHandle::isAlive).isEmpty()) fail("no live process " + pidA + " (--pid-a)");
        if (smtpA < 0 || smtpB < 0) fail("--smtp-a and --smtp-b are required (the nodes' spring.mail.port)");
        Class.forName("org.postgresql.Driver");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        // Both sinks in every scenario: whatever a node sends is seen and counted.
        Sink sinkA = new Sink("A", smtpA, scenario.equals("escalation") ? slowMs : 0, slowGreeting);
        Sink sinkB = new Sink("B", smtpB, 0);
        boolean ok = scenario.equals("storm")
                ? storm(payloads, batch, concurrency, killAt)
                : escalation(pages, stepDelay, timeout, killHolding, cold, sinkA, sinkB);
        sinkA.close();
        sinkB.close();
        System.exit(ok ? 0 : 1);
    }

    /** SIGKILL to node A (the process the script started, by its id); returns when it is gone. */
    static void killA() throws Exception {
        ProcessHandle a = ProcessHandle.of(pidA).orElseThrow(() -> new IllegalStateException("node A is already gone"));
        a.destroyForcibly(); // SIGKILL on Linux
        a.onExit().get(10, TimeUnit.SECONDS);
    }

    // ---- storm ----------------------------------------------------------------------------------------

    record Event(long seq, String key) {}

    static boolean storm(int payloads, int batch, int concurrency, int killAtPercent) throws Exception {
        String run = "kn" + Long.toString(System.currentTimeMillis(), 36);
        String[] integration = integration(nodeB, run + "-storm", null);
        long integrationId = Long.parseLong(integration[0]);
        String hookPath = URI.create(integration[1]).getRawPath();

        // Keys: 60 % of the events open a new key, 40 % repeat one of the 30 newest keys, which may be in
        // flight on the other node at that moment: concurrent ingest of one key on two nodes.
        Random random = new Random(7);
        List<List<Event>> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        long seq = 0;
        for (int p = 0; p < payloads; p++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                String key;
                if (keys.isEmpty() || random.nextInt(100) < 60) {
                    key = run + "-k" + keys.size();
                    keys.add(key);
                } else {
                    key = keys.get(Math.max(0, keys.size() - 1 - random.nextInt(Math.min(30, keys.size()))));
                }
                events.add(new Event(seq++, key));
            }
            bodies.add(events);
        }
        BitSet accepted = new BitSet(), uncertain = new BitSet(), retriedAfterUncertain = new BitSet();
        AtomicInteger next = new AtomicInteger(), answered = new AtomicInteger();
        AtomicInteger okA = new AtomicInteger(), okB = new AtomicInteger(), givenUp = new AtomicInteger();
        Map<String, AtomicInteger> failuresOnA = new ConcurrentHashMap<>(), failuresOnB = new ConcurrentHashMap<>();
        AtomicBoolean aDown = new AtomicBoolean();
        AtomicLong killNanos = new AtomicLong(), firstRecoveredNanos = new AtomicLong();
        AtomicInteger retriedOnB = new AtomicInteger();
        int killWhen = Math.max(1, payloads * killAtPercent / 100);
        long[] latency = new long[payloads];
        Object lock = new Object();

        Thread killer = Thread.ofPlatform().start(() -> {
            try {
                while (answered.get() < killWhen && next.get() < payloads) Thread.sleep(1);
                killNanos.set(System.nanoTime());
                killA();
            } catch (Exception e) {
                System.err.println("killing node A failed: " + e);
            }
        });
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                pool.submit(() -> {
                    int p;
                    while ((p = next.getAndIncrement()) < payloads) {
                        List<Event> events = bodies.get(p);
                        String body = stormPayload(events);
                        boolean toA = p % 2 == 0 && !aDown.get();
                        boolean wasUncertain = false;
                        boolean failedOnA = false;
                        long t0 = System.nanoTime();
                        for (int attempt = 0; ; attempt++) {
                            URI target = (toA ? nodeA : nodeB).resolve(hookPath);
                            String failure;
                            long retryAfter = 50;
                            try {
                                HttpResponse<String> r = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(20))
                                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(), HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() / 100 == 2) {
                                    synchronized (lock) {
                                        for (Event e : events) {
                                            accepted.set((int) e.seq());
                                            if (wasUncertain) retriedAfterUncertain.set((int) e.seq());
                                        }
                                    }
                                    (toA ? okA : okB).incrementAndGet();
                                    if (failedOnA && !toA) {
                                        retriedOnB.incrementAndGet();
                                        firstRecoveredNanos.compareAndSet(0, System.nanoTime());
                                    }
                                    latency[p] = System.nanoTime() - t0;
                                    break;
                                }
                                failure = "HTTP " + r.statusCode();
                                if (r.statusCode() == 503) {
                                    retryAfter = 1000L * r.headers().firstValue("Retry-After").filter(v -> v.trim().matches("\\d{1,4}"))
                                            .map(v -> Long.parseLong(v.trim())).orElse(1L);
                                } else if (r.statusCode() / 100 != 5) {
                                    // 4xx: the payload itself was refused; retrying would not help
                                    (toA ? failuresOnA : failuresOnB).computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                                    givenUp.incrementAndGet();
                                    break;
                                }
                            } catch (ConnectException | HttpConnectTimeoutException e) {
                                failure = "connection refused"; // never reached the node: certainly not stored
                                if (toA) aDown.set(true); // the load balancer takes A out
                            } catch (IOException e) {
                                failure = "no answer (" + e.getClass().getSimpleName() + ")"; // may have been stored
                                wasUncertain = true;
                                synchronized (lock) {
                                    for (Event ev : events) uncertain.set((int) ev.seq());
                                }
                            } catch (InterruptedException e) {
                                return;
                            }
                            (toA ? failuresOnA : failuresOnB).computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                            if (toA && killNanos.get() > 0) failedOnA = true; // failed because A is gone (not a 503 before the kill)
                            if (attempt >= 20) {
                                givenUp.incrementAndGet();
                                break;
                            }
                            toA = false; // retry on the other node, as a load balancer would
                            try {
                                Thread.sleep(Math.min(retryAfter, 2000));
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        answered.incrementAndGet();
                    }
                });
            }
        }
        long elapsed = System.nanoTime() - start;
        killer.join(15_000);

        // ---- SQL ----
        Map<Long, Integer> stored = new HashMap<>();
        Map<Long, Long> groupOfSeq = new HashMap<>();
        Map<Long, String[]> groups = new HashMap<>(); // id -> {key, status, count}
        Map<Long, Integer> rowsPerGroup = new HashMap<>();
        long duplicateOpen;
        try (Connection c = DriverManager.getConnection(jdbc, dbUser, "")) {
            try (PreparedStatement ps = c.prepareStatement("select (payload::jsonb -> 'annotations' ->> 'bench_seq')::bigint, group_id"
                    + " from alerts where integration_id = ?")) {
                ps.setLong(1, integrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.merge(rs.getLong(1), 1, Integer::sum);
                        groupOfSeq.put(rs.getLong(1), rs.getLong(2));
                        rowsPerGroup.merge(rs.getLong(2), 1, Integer::sum);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select id, dedup_key, status, count from alert_groups where integration_id = ?")) {
                ps.setLong(1, integrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) groups.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), String.valueOf(rs.getInt(4))});
                }
            }
            duplicateOpen = count(c, "select count(*) from (select dedup_key from alert_groups where integration_id = " + integrationId
                    + " and status = 'firing' group by dedup_key having count(*) > 1) x");
        }
        Map<Long, String> seqKey = new HashMap<>();
        for (List<Event> b : bodies) for (Event e : b) seqKey.put(e.seq(), e.key());
        int lost = 0, twiceExplained = 0, twiceUnexplained = 0, unexpected = 0;
        List<String> examples = new ArrayList<>();
        for (int s = accepted.nextSetBit(0); s >= 0; s = accepted.nextSetBit(s + 1)) {
            int n = stored.getOrDefault((long) s, 0);
            if (n == 0) {
                lost++;
                if (examples.size() < 10) examples.add("alert " + s + " answered 2xx but not stored");
            } else if (n > 1) {
                if (retriedAfterUncertain.get(s) && n == 2) twiceExplained++;
                else {
                    twiceUnexplained++;
                    if (examples.size() < 10) examples.add("alert " + s + " stored " + n + " times");
                }
            }
        }
        for (long s : stored.keySet()) {
            if (!accepted.get((int) s)) {
                unexpected++;
                if (examples.size() < 10) examples.add("alert " + s + " stored but never answered 2xx" + (uncertain.get((int) s) ? " (its try died with A)" : ""));
            }
        }
        Map<String, List<Long>> groupsOfKey = new HashMap<>();
        int countMismatch = 0;
        for (Map.Entry<Long, String[]> g : groups.entrySet()) {
            groupsOfKey.computeIfAbsent(g.getValue()[0], k -> new ArrayList<>()).add(g.getKey());
            int rows = rowsPerGroup.getOrDefault(g.getKey(), 0);
            if (Integer.parseInt(g.getValue()[2]) != rows) {
                countMismatch++;
                if (examples.size() < 10) examples.add("group " + g.getKey() + " count " + g.getValue()[2] + " but " + rows + " alerts");
            }
        }
        Set<String> acceptedKeys = new HashSet<>();
        for (int s = accepted.nextSetBit(0); s >= 0; s = accepted.nextSetBit(s + 1)) acceptedKeys.add(seqKey.get((long) s));
        int keysWithoutGroup = 0, keysWithManyGroups = 0;
        for (String k : acceptedKeys) {
            int n = groupsOfKey.getOrDefault(k, List.of()).size();
            if (n == 0) keysWithoutGroup++;
            if (n > 1) {
                keysWithManyGroups++;
                if (examples.size() < 10) examples.add("key " + k + " has " + n + " groups");
            }
        }
        long[] lat = java.util.Arrays.stream(latency).filter(v -> v > 0).sorted().toArray();
        int events = payloads * batch;
        System.out.printf("storm: %d payloads x %d alerts = %d alerts (%d keys) into integration %d, even payloads to A (%s), odd to B (%s),"
                        + " concurrency %d; A killed (SIGKILL) after %d payloads were answered%n",
                payloads, batch, events, keys.size(), integrationId, nodeA, nodeB, concurrency, killWhen);
        System.out.printf("  answered 2xx: %d payloads by A (before the kill), %d by B, in %.1f s (%.0f alerts/s); given up %d%n",
                okA.get(), okB.get(), elapsed / 1e9, accepted.cardinality() / (elapsed / 1e9), givenUp.get());
        System.out.printf("  failures on A %s, on B %s; payloads that failed on A and then succeeded on B: %d"
                        + " (a 503 is Cairn's \"nothing stored, retry\": its cause is in the node's log)%n",
                new TreeMap<>(failuresOnA), new TreeMap<>(failuresOnB), retriedOnB.get());
        if (killNanos.get() > 0 && firstRecoveredNanos.get() > 0) {
            System.out.printf("  from the kill to the first payload that failed on A being answered by B: %.0f ms; payload latency incl. retries:"
                            + " p50 %s, p99 %s, max %s%n",
                    (firstRecoveredNanos.get() - killNanos.get()) / 1e6, ms(lat, 50), ms(lat, 99), ms(lat, 100));
        } else {
            System.out.printf("  payload latency incl. retries: p50 %s, p99 %s, max %s%n", ms(lat, 50), ms(lat, 99), ms(lat, 100));
        }
        System.out.printf("  SQL: %d alerts answered 2xx, %d rows in alerts, %d groups for %d keys%n", accepted.cardinality(),
                stored.values().stream().mapToInt(Integer::intValue).sum(), groups.size(), acceptedKeys.size());
        System.out.printf("  stored twice because a try died with A after A had committed, then the sender retried on B"
                        + " (at least once, expected): %d alerts; alerts whose try died with A: %d%n",
                twiceExplained, uncertain.cardinality());
        for (String e : examples) System.out.println("  " + e);
        System.out.printf("LOST=%d DUPLICATE_OPEN=%d KEYS_WITH_2+_GROUPS=%d KEYS_WITHOUT_GROUP=%d STORED_TWICE_UNEXPLAINED=%d"
                        + " STORED_NOT_ANSWERED=%d COUNT_MISMATCH=%d GIVEN_UP=%d%n",
                lost, duplicateOpen, keysWithManyGroups, keysWithoutGroup, twiceUnexplained, unexpected, countMismatch, givenUp.get());
        System.out.printf(Locale.ROOT, "RESULT scenario=storm alerts=%d accepted=%d by_a=%d by_b=%d kill_to_first_retry_ok_ms=%.0f"
                        + " lost=%d duplicate_open=%d keys_many_groups=%d stored_twice_retry=%d stored_twice_unexplained=%d"
                        + " stored_not_answered=%d count_mismatch=%d given_up=%d%n",
                events, accepted.cardinality(), okA.get(), okB.get(),
                killNanos.get() > 0 && firstRecoveredNanos.get() > 0 ? (firstRecoveredNanos.get() - killNanos.get()) / 1e6 : -1.0,
                lost, duplicateOpen, keysWithManyGroups, twiceExplained, twiceUnexplained, unexpected, countMismatch, givenUp.get());
        // A payload given up after a try that died with A may or may not be stored: that is what "unexpected" counts.
        return lost == 0 && duplicateOpen == 0 && keysWithManyGroups == 0 && keysWithoutGroup == 0 && twiceUnexplained == 0
                && countMismatch == 0 && givenUp.get() == 0 && unexpected == 0;
    }

    static String stormPayload(List<Event> events) {
        StringBuilder sb = new StringBuilder("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"KillNodeStorm\\\"}\","
                + "\"receiver\":\"cairn\",\"status\":\"firing\",\"commonLabels\":{\"alertname\":\"KillNodeStorm\"},\"alerts\":[");
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"KillNodeStorm\",\"severity\":\"warning\",\"key\":\"")
                    .append(e.key()).append("\"},\"annotations\":{\"summary\":\"Storm ").append(e.key())
                    .append("\",\"bench_seq\":\"").append(e.seq()).append("\"},\"startsAt\":\"2026-11-27T00:00:00Z\",")
                    .append("\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"").append(e.key()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    // ---- escalation -----------------------------------------------------------------------------------

    static final Pattern STEP_LOG = Pattern.compile("event=page_step_fired page=(\\d+) step=0 ");
    static final Pattern REVIVE_LOG = Pattern.compile("^(\\S+)\\s.*Reviving dead execution: Execution: task=([^,]+), id=([^,]+),");
    static final Pattern ATTEMPT_LOG = Pattern.compile("event=notification_attempt delivery=(\\d+) channel=\\S+ outcome=(\\S+)");

    static boolean escalation(int pages, int stepDelay, int timeout, int killHolding, boolean cold, Sink sinkA, Sink sinkB)
            throws Exception {
        String run = "kn" + Long.toString(System.currentTimeMillis(), 36);
        long serviceId = id(post(nodeB, "/api/v1/services", "{\"name\":\"" + run + " service\",\"tier\":1}", 201), "service");
        long userId = id(post(nodeB, "/api/v1/users",
                "{\"email\":\"" + run + "@bench.invalid\",\"name\":\"On call " + run + "\",\"role\":\"responder\"}", 201), "user");
        String step = "{\"delayMinutes\":" + stepDelay + ",\"targets\":[{\"kind\":\"user\",\"id\":" + userId + "}]}";
        long policyId = id(post(nodeB, "/api/v1/escalation-policies", "{\"name\":\"" + run + " policy\",\"serviceIds\":[" + serviceId
                + "],\"repeat\":0,\"steps\":[" + step + "," + step + "," + step + "]}", 201), "policy");
        String[] integration = integration(nodeB, run + "-pages", serviceId);
        long integrationId = Long.parseLong(integration[0]);
        String hookPath = URI.create(integration[1]).getRawPath();

        // Warm-up: each node loads the signing key of acknowledgement links once, as a node that has paged
        // before has (GET /ack/<token> checks a token's signature, which reads the key). --cold skips it and
        // the e-mail below: two nodes just started, which have never paged or mailed anyone.
        if (!cold) {
            for (URI n : List.of(nodeA, nodeB)) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(n.resolve("/ack/warm.up")).timeout(Duration.ofSeconds(30))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 500) fail("warm-up GET /ack/warm.up on " + n + " got HTTP " + r.statusCode());
            }
        }
        // Warm-up: each node sends one e-mail before the run (a contact-method test asked through it; the node
        // that commits it wakes its own scheduler, so it normally sends it), so neither pays JavaMail's first use.
        if (!cold) warmMail(run, sinkA, sinkB);

        // Open the pages through A, 4 alerts in flight. Meanwhile the killer waits until A's slow SMTP server
        // holds killHolding messages (A is sending, and still firing steps), notes what A holds and kills it.
        // An alert whose request fails on A goes to B, as a load balancer would send it.
        Instant openStart = Instant.now();
        AtomicInteger openedA = new AtomicInteger(), openedB = new AtomicInteger(), notOpened = new AtomicInteger();
        AtomicInteger retriedOnB = new AtomicInteger(), uncertainOnA = new AtomicInteger();
        AtomicInteger nextPage = new AtomicInteger();
        AtomicBoolean aDown = new AtomicBoolean();
        List<String[]> held = new CopyOnWriteArrayList<>(); // {task, instance} picked by A at the kill
        Map<Long, Instant> claimedByA = new ConcurrentHashMap<>(); // delivery -> claimed at, not recorded
        int[] atKill = new int[6]; // steps fired, page mails at A, holding at A, all mails at B, alerts answered by A, page mails at B
        Instant[] killAt = new Instant[1];
        Connection snapshot = DriverManager.getConnection(jdbc, dbUser, ""); // opened now, so the kill is not late
        count(snapshot, "select count(*) from scheduled_tasks");
        Thread killer = Thread.ofPlatform().start(() -> {
            try {
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (sinkA.holding.get() < Math.min(killHolding, pages) && System.nanoTime() < until) Thread.onSpinWait();
                try (Connection c = snapshot) {
                    atKill[0] = (int) count(c, "select count(*) from page_events e join pages p on p.id = e.page_id join alert_groups g on"
                            + " g.id = p.alert_group_id where e.kind = 'step' and g.integration_id = " + integrationId);
                    atKill[1] = (int) sinkA.mails.stream().filter(m -> m.topic != null && m.topic.startsWith("page:")).count();
                    atKill[2] = sinkA.holding.get();
                    atKill[3] = sinkB.mails.size();
                    atKill[5] = (int) sinkB.mails.stream().filter(m -> m.topic != null && m.topic.startsWith("page:")).count();
                    atKill[4] = openedA.get();
                    killAt[0] = Instant.now();
                    killA();
                    // What A held when it died, read right after (half a second, for a commit A sent just before it
                    // died): a dead node changes nothing any more, and B revives its work only after 10 s.
                    Thread.sleep(500);
                    try (PreparedStatement ps = c.prepareStatement("select task_name, task_instance from scheduled_tasks where picked and picked_by = ?")) {
                        ps.setString(1, nameA);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) held.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("select id, claimed_at from notification_deliveries where status = 'sending'"
                            + " and claimed_by = ?")) {
                        ps.setString(1, nameA);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) claimedByA.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("KillNode: killing node A failed: " + e);
            }
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 4; w++) {
                pool.submit(() -> {
                    int i;
                    while ((i = nextPage.getAndIncrement()) < pages) {
                        String t = run + "-p" + i;
                        String body = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                                + "{\"alertname\":\"KillNodeEscalation\",\"severity\":\"critical\",\"instance\":\"" + t + "\"},"
                                + "\"annotations\":{\"summary\":\"Escalation " + t + "\"},\"startsAt\":\"2026-11-27T00:00:00Z\","
                                + "\"fingerprint\":\"" + t + "\"}]}";
                        boolean toA = !aDown.get(), failedOnA = false;
                        for (int attempt = 0; ; attempt++) {
                            try {
                                HttpResponse<String> r = client.send(HttpRequest.newBuilder((toA ? nodeA : nodeB).resolve(hookPath))
                                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 200) {
                                    (toA ? openedA : openedB).incrementAndGet();
                                    if (failedOnA && !toA) retriedOnB.incrementAndGet();
                                    break;
                                }
                            } catch (ConnectException | HttpConnectTimeoutException e) {
                                if (toA) aDown.set(true);
                            } catch (IOException e) {
                                if (toA) uncertainOnA.incrementAndGet(); // A may have stored it: B's retry must not open a second page
                            } catch (InterruptedException e) {
                                return;
                            }
                            if (toA) failedOnA = true;
                            if (attempt >= 10) {
                                notOpened.incrementAndGet();
                                break;
                            }
                            toA = false;
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                });
            }
        }
        Instant openEnd = Instant.now();
        killer.join(60_000);
        if (killAt[0] == null) fail("node A was not killed");
        Instant kill = killAt[0];
        int opened = openedA.get() + openedB.get();
        if (notOpened.get() > 0) System.out.printf("  %d alerts were never answered 200 by either node%n", notOpened.get());
        long heldSteps = held.stream().filter(h -> h[0].equals("escalation-step")).count();
        long heldDeliveries = held.stream().filter(h -> h[0].equals("notification-delivery")).count();
        System.out.printf("escalation: %d alerts opened %d pages (policy %d: 3 steps, %d min apart, step 1 pages user %d at once) in %d ms,"
                        + " %d answered by A, %d by B (%d of them after failing on A, %d with no answer from A); A's SMTP server holds"
                        + " each %s for %d ms; %s%n",
                pages, opened, policyId, stepDelay, userId, Duration.between(openStart, openEnd).toMillis(), openedA.get(), openedB.get(),
                retriedOnB.get(), uncertainOnA.get(), sinkA.slowGreeting ? "220 greeting" : "250 after DATA", sinkA.delayMs, cold ? "cold nodes (--cold: no e-mail sent, signing key not loaded beforehand)"
                        : "each node sent one e-mail and loaded the signing key beforehand");
        System.out.printf("  A killed (SIGKILL) %d ms after the first alert, when A had answered %d alerts: step 1 had fired for %d pages;"
                        + " page e-mails at A's sink %d (sessions held %d), at B's sink %d; when it died A held %d step"
                        + " executions and %d delivery executions (scheduled_tasks.picked_by) and %d deliveries it had claimed and not recorded%n",
                Duration.between(openStart, kill).toMillis(), atKill[4], atKill[0], atKill[1], atKill[2], atKill[5], heldSteps,
                heldDeliveries, claimedByA.size());
        int mailsAtSinkBBefore = atKill[3];
        int pagesExpected = opened;

        // ---- wait for B to finish everything ----
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        State s = null;
        while (System.nanoTime() < deadline) {
            s = state(integrationId, sinkA, sinkB);
            if (s.complete(pagesExpected)) break;
            Thread.sleep(250);
        }
        Thread.sleep(1000); // a late duplicate would show here
        s = state(integrationId, sinkA, sinkB);
        Instant done = Instant.now();

        // ---- takeover: B's first action on the work A held ----
        Set<Long> heldPages = new HashSet<>(), heldDeliveryIds = new HashSet<>(claimedByA.keySet());
        for (String[] h : held) {
            if (h[0].equals("escalation-step")) heldPages.add(Long.parseLong(h[1].split(":")[0]));
            else if (h[0].equals("notification-delivery")) heldDeliveryIds.add(Long.parseLong(h[1]));
        }
        List<Long> stepTakeovers = new ArrayList<>(), deliveryTakeovers = new ArrayList<>(), claimedResend = new ArrayList<>();
        int heldStepsAlreadyFired = 0;
        for (long p : heldPages) {
            Instant at = s.stepAt.get(p);
            if (at == null) continue;
            if (at.isAfter(kill)) stepTakeovers.add(Duration.between(kill, at).toMillis());
            else heldStepsAlreadyFired++; // A fired it and died before db-scheduler removed the execution: B's revival was stale
        }
        for (long d : heldDeliveryIds) {
            Instant at = s.firstAttemptAfter(d, kill);
            if (at != null) deliveryTakeovers.add(Duration.between(kill, at).toMillis());
            if (claimedByA.containsKey(d) && at != null) claimedResend.add(Duration.between(claimedByA.get(d), at).toMillis());
        }
        stepTakeovers.sort(null);
        deliveryTakeovers.sort(null);
        claimedResend.sort(null);
        List<Long> all = new ArrayList<>(stepTakeovers);
        all.addAll(deliveryTakeovers);
        all.sort(null);
        Long firstB = s.firstMailAtB(sinkB, mailsAtSinkBBefore) == null ? null
                : Duration.between(kill, s.firstMailAtB(sinkB, mailsAtSinkBBefore)).toMillis();

        // Who did what, from the nodes' logs.
        Map<String, Integer> stepsByNode = new TreeMap<>(), attemptsByNode = new TreeMap<>();
        List<Long> revived = new ArrayList<>(); // ms from the kill to B reviving an execution A held
        Set<String> heldKeys = held.stream().map(h -> h[0] + "/" + h[1]).collect(Collectors.toSet());
        for (Map.Entry<String, Path> e : Map.of("A", logA == null ? Path.of("/nonexistent") : logA, "B",
                logB == null ? Path.of("/nonexistent") : logB).entrySet()) {
            if (!Files.isReadable(e.getValue())) continue;
            for (String line : Files.readAllLines(e.getValue(), StandardCharsets.UTF_8)) {
                Matcher m = STEP_LOG.matcher(line);
                if (m.find() && s.pageIds.contains(Long.parseLong(m.group(1)))) stepsByNode.merge(e.getKey(), 1, Integer::sum);
                Matcher a = ATTEMPT_LOG.matcher(line);
                if (a.find() && s.deliveryIds.contains(Long.parseLong(a.group(1)))) {
                    attemptsByNode.merge(e.getKey() + " " + a.group(2), 1, Integer::sum);
                }
                Matcher r = REVIVE_LOG.matcher(line);
                if (r.find() && e.getKey().equals("B") && heldKeys.contains(r.group(2) + "/" + r.group(3))) {
                    try {
                        revived.add(Duration.between(kill, Instant.parse(r.group(1))).toMillis());
                    } catch (RuntimeException unreadable) {
                        // another log format: no revival times
                    }
                }
            }
        }

        revived.sort(null);
        System.out.printf("  B revived %d of the %d executions A held (db-scheduler dead-execution detection, from B's log): first %s,"
                        + " last %s after the kill%n", revived.size(), held.size(), sec(first(revived)), sec(last(revived)));
        System.out.printf("  takeover by B: held step executions fired by B %d of %d (%d had fired on A already), first %s after the kill,"
                        + " last %s; held deliveries sent again by B %d of %d, first %s, last %s after the kill%n",
                stepTakeovers.size(), heldPages.size(), heldStepsAlreadyFired, sec(first(stepTakeovers)), sec(last(stepTakeovers)),
                deliveryTakeovers.size(), heldDeliveryIds.size(), sec(first(deliveryTakeovers)), sec(last(deliveryTakeovers)));
        if (!claimedResend.isEmpty()) {
            System.out.printf("  deliveries A had claimed were re-sent %s to %s after A's claim (DeliveryWorker waits 30 s for a claim to go stale)%n",
                    sec(first(claimedResend)), sec(last(claimedResend)));
        }
        System.out.printf("  first e-mail from B after the kill: %s; everything done %s after the kill (dead-node timeout: heartbeat 2 s x 5)%n",
                sec(firstB), sec(Duration.between(kill, s.lastProgress == null ? done : s.lastProgress).toMillis()));
        if (!stepsByNode.isEmpty()) System.out.printf("  from the logs: step 1 fired by node %s; delivery attempts by node and outcome %s%n",
                stepsByNode, attemptsByNode);
        System.out.printf("  SQL: %d pages for %d alerts; step 1 fired once %d, never %d, twice or more %d; deliveries planned %d, sent %d,"
                        + " not sent %d; attempts recorded as interrupted %d%n",
                s.pageIds.size(), opened, s.stepOnce, s.stepNever, s.stepMany, s.deliveryIds.size(), s.sent,
                s.deliveryIds.size() - s.sent, s.interrupted);
        System.out.printf("  e-mails: received at A's sink %d, at B's sink %d; deliveries received at least once %d of %d, never %d;"
                        + " received twice or more %d%n",
                s.atA, s.atB, s.receivedOnce + s.receivedMany, s.deliveryIds.size(), s.neverReceived, s.receivedMany);
        for (String e : s.duplicates) System.out.println("    duplicate: " + e);
        for (String e : s.examples) System.out.println("  " + e);
        boolean lost = s.pageIds.size() != opened || s.stepNever > 0 || s.stepMany > 0 || s.sent != s.deliveryIds.size()
                || s.neverReceived > 0 || s.deliveryIds.size() < s.pageIds.size();
        System.out.printf("LOST_PAGES=%d STEP1_NEVER=%d STEP1_TWICE=%d DELIVERIES_NOT_SENT=%d EMAILS_NEVER_RECEIVED=%d EMAILS_RECEIVED_TWICE=%d%n",
                opened - s.pageIds.size(), s.stepNever, s.stepMany, s.deliveryIds.size() - s.sent, s.neverReceived, s.receivedMany);
        System.out.printf(Locale.ROOT, "RESULT scenario=escalation pages=%d held_steps=%d held_deliveries=%d claimed_by_a=%d"
                        + " revived_first_ms=%d revived_last_ms=%d takeover_first_ms=%d takeover_last_ms=%d first_mail_b_ms=%d done_ms=%d step1_never=%d step1_twice=%d"
                        + " not_sent=%d never_received=%d received_twice=%d interrupted_attempts=%d%n",
                s.pageIds.size(), heldPages.size(), heldDeliveries, claimedByA.size(), first(revived) == null ? -1 : first(revived),
                last(revived) == null ? -1 : last(revived), first(all) == null ? -1 : first(all),
                last(all) == null ? -1 : last(all), firstB == null ? -1 : firstB,
                Duration.between(kill, s.lastProgress == null ? done : s.lastProgress).toMillis(), s.stepNever, s.stepMany,
                s.deliveryIds.size() - s.sent, s.neverReceived, s.receivedMany, s.interrupted);

        // End the escalations through B (step 2 would otherwise fire in stepDelay minutes).
        int acked = 0;
        for (long p : s.pageIds) {
            if (send(nodeB, "POST", "/api/v1/pages/" + p + "/acknowledge", "").statusCode() == 200) acked++;
        }
        System.out.printf("  acknowledged %d of %d pages through B%n", acked, s.pageIds.size());
        return !lost;
    }

    /** The pages of the run and their deliveries, from the database and the two sinks. */
    static final class State {
        final Set<Long> pageIds = new HashSet<>(), deliveryIds = new HashSet<>();
        final Map<Long, Instant> stepAt = new HashMap<>();
        final Map<Long, List<Instant>> attempts = new HashMap<>();
        int stepOnce, stepNever, stepMany, sent, interrupted, atA, atB, receivedOnce, receivedMany, neverReceived;
        Instant lastProgress;
        final List<String> duplicates = new ArrayList<>(), examples = new ArrayList<>();

        boolean complete(int pages) {
            return pageIds.size() >= pages && stepNever == 0 && sent == deliveryIds.size() && neverReceived == 0
                    && deliveryIds.size() >= pageIds.size();
        }

        Instant firstAttemptAfter(long delivery, Instant after) {
            return attempts.getOrDefault(delivery, List.of()).stream().filter(t -> t.isAfter(after)).min(Instant::compareTo).orElse(null);
        }

        Instant firstMailAtB(Sink b, int from) {
            return b.mails.size() > from ? b.mails.get(from).wall : null;
        }
    }

    static State state(long integrationId, Sink sinkA, Sink sinkB) throws SQLException {
        State s = new State();
        Map<Long, Integer> steps = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, dbUser, "")) {
            try (PreparedStatement ps = c.prepareStatement("select p.id from pages p join alert_groups g on g.id = p.alert_group_id"
                    + " where g.integration_id = ?")) {
                ps.setLong(1, integrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) s.pageIds.add(rs.getLong(1));
                }
            }
            if (s.pageIds.isEmpty()) return s;
            String pages = s.pageIds.stream().map(String::valueOf).collect(Collectors.joining(","));
            try (PreparedStatement ps = c.prepareStatement("select page_id, at from page_events where kind = 'step' and detail like 'Step 1 of%'"
                    + " and page_id in (" + pages + ") order by id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.merge(rs.getLong(1), 1, Integer::sum);
                    s.stepAt.putIfAbsent(rs.getLong(1), rs.getTimestamp(2).toInstant());
                    s.lastProgress = later(s.lastProgress, rs.getTimestamp(2).toInstant());
                }
            }
            String topics = s.pageIds.stream().map(p -> "'page:" + p + "'").collect(Collectors.joining(","));
            try (PreparedStatement ps = c.prepareStatement("select id, status, sent_at from notification_deliveries where topic in (" + topics + ")");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    s.deliveryIds.add(rs.getLong(1));
                    if ("sent".equals(rs.getString(2))) s.sent++;
                }
            }
            if (!s.deliveryIds.isEmpty()) {
                String ids = s.deliveryIds.stream().map(String::valueOf).collect(Collectors.joining(","));
                try (PreparedStatement ps = c.prepareStatement("select delivery_id, attempted_at, detail from notification_attempts"
                        + " where delivery_id in (" + ids + ") order by id"); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(3).startsWith("interrupted")) {
                            s.interrupted++;
                            continue;
                        }
                        Instant at = rs.getTimestamp(2).toInstant();
                        s.attempts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(at);
                        s.lastProgress = later(s.lastProgress, at);
                    }
                }
            }
        }
        for (long p : s.pageIds) {
            int n = steps.getOrDefault(p, 0);
            if (n == 0) s.stepNever++;
            else if (n == 1) s.stepOnce++;
            else {
                s.stepMany++;
                if (s.examples.size() < 10) s.examples.add("page " + p + " fired step 1 " + n + " times");
            }
        }
        Map<Long, List<Mail>> received = new HashMap<>();
        for (Sink sink : List.of(sinkA, sinkB)) {
            for (Mail m : sink.mails) {
                if (m.deliveryId == null || m.topic == null || !m.topic.startsWith("page:")) continue;
                long d = Long.parseLong(m.deliveryId.trim());
                if (!s.deliveryIds.contains(d)) continue;
                received.computeIfAbsent(d, k -> new ArrayList<>()).add(m);
                if (sink == sinkA) s.atA++;
                else s.atB++;
            }
        }
        for (long d : s.deliveryIds) {
            List<Mail> ms = received.getOrDefault(d, List.of());
            if (ms.isEmpty()) s.neverReceived++;
            else if (ms.size() == 1) s.receivedOnce++;
            else {
                s.receivedMany++;
                s.duplicates.add("delivery " + d + ": " + ms.stream().map(m -> "sink " + m.sink + " at " + m.wall
                        + (m.answered ? " (250 written)" : " (no 250: the sender was gone)")).collect(Collectors.joining(", ")));
            }
        }
        return s;
    }

    /** One e-mail sent by each node (a contact-method test asked through it), so neither pays JavaMail's first use. */
    static void warmMail(String run, Sink sinkA, Sink sinkB) throws Exception {
        long warmUser = id(post(nodeB, "/api/v1/users", "{\"email\":\"" + run + "-warm@bench.invalid\",\"name\":\"Warm-up "
                + run + "\",\"role\":\"viewer\"}", 201), "warm-up user");
        long warmMethod = id(post(nodeB, "/api/v1/users/" + warmUser + "/contact-methods", "{\"name\":\"warm-up\",\"channel\":\"email\","
                + "\"address\":\"" + run + "-warm@bench.invalid\"}", 201), "warm-up contact method");
        for (int round = 0; round < 5 && (!hasTest(sinkA) || !hasTest(sinkB)); round++) {
            for (URI n : List.of(nodeA, nodeB)) {
                if (hasTest(n == nodeA ? sinkA : sinkB)) continue;
                post(n, "/api/v1/users/" + warmUser + "/contact-methods/" + warmMethod + "/test", "", 202);
            }
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while ((!hasTest(sinkA) || !hasTest(sinkB)) && System.nanoTime() < until) Thread.sleep(20);
        }
        if (!hasTest(sinkA) || !hasTest(sinkB)) {
            System.out.printf("  warm-up: test e-mails at A's sink %b, at B's sink %b: a node is still cold%n", hasTest(sinkA), hasTest(sinkB));
        }
        Thread.sleep(sinkA.delayMs + 500L); // let A finish its warm-up send
    }

    static boolean hasTest(Sink sink) {
        return sink.mails.stream().anyMatch(m -> m.subject.startsWith("Cairn test notification"));
    }

    static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static Long first(List<Long> l) {
        return l.isEmpty() ? null : l.getFirst();
    }

    static Long last(List<Long> l) {
        return l.isEmpty() ? null : l.getLast();
    }

    static String sec(Long millis) {
        return millis == null ? "n/a" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static String ms(long[] sorted, double p) {
        double v = pct(sorted, p);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    // ---- API helpers -----------------------------------------------------------------------------------

    static HttpResponse<String> send(URI node, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI node, String path, String json, int expect) throws Exception {
        HttpResponse<String> r = send(node, "POST", path, json);
        if (r.statusCode() != expect) fail("POST " + path + " got HTTP " + r.statusCode() + " (expected " + expect + "): " + abbreviate(r.body()));
        return r;
    }

    static long id(HttpResponse<String> r, String what) {
        Matcher m = ID.matcher(r.body());
        if (!m.find()) fail("no id in the answer creating the " + what + ": " + abbreviate(r.body()));
        return Long.parseLong(m.group(1));
    }

    static String[] integration(URI node, String name, Long serviceId) throws Exception {
        HttpResponse<String> r = post(node, "/api/v1/integrations", "{\"name\":\"" + name + "\",\"kind\":\"alertmanager\""
                + (serviceId == null ? "" : ",\"serviceId\":" + serviceId) + "}", 201);
        Matcher url = URL.matcher(r.body());
        if (!url.find()) fail("no url in the integration: " + abbreviate(r.body()));
        return new String[] {String.valueOf(id(r, "integration")), url.group(1)};
    }

    static URI localBase(String s) {
        URI u = URI.create(s);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        if (!"http".equals(u.getScheme()) || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
            fail("refusing target " + s + ": only http://127.0.0.1, localhost or [::1] are allowed");
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
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void fail(String message) {
        System.err.println("KillNode: " + message);
        System.exit(2);
    }
}
