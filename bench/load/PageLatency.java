import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Page latency: from an alert reaching Cairn to the first page e-mail handed to SMTP. The program is
 * its own mail server (a minimal SMTP sink on 127.0.0.1) and records when each message's DATA ends
 * and its subject ({@code [Cairn] Page #<id>: <title>}); every alert carries a unique token in its
 * summary, so the title and the subject name the alert. Latency = SMTP arrival - the moment the
 * alert's POST was sent (one process, one {@code System.nanoTime}). Yardstick in the same run: the
 * webhook's own round trip (POST -> 200) for the same alerts.
 *
 * <p>With {@code --alertmanager URL --alertmanager-config FILE} the alerts go, alternately, through a
 * real Prometheus Alertmanager (posted to its {@code /api/v2/alerts}; the program writes Alertmanager's
 * config with Cairn's hook as webhook receiver and reloads it) and straight to a second hook of the
 * same service (the yardstick); for both it reports the time to (a) the alert group, (b) the page, (c)
 * the e-mail, then resolves everything through the same paths and checks with SQL that each alert is
 * one group with one page, fired once, and that every group and page resolved.
 *
 * <p>Cairn must send its mail to {@code --smtp-port} ({@code --spring.mail.host=127.0.0.1
 * --spring.mail.port=P}); bench/page-latency.sh starts Cairn that way on a fresh database. Needs
 * the PostgreSQL JDBC driver on the class path for the checks; only localhost targets are accepted.
 */
public class PageLatency {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SUBJECT_PAGE = Pattern.compile("^\\[Cairn\\] Page #(\\d+): .*?\\b(pl[0-9a-z]+-(?:d|am|w)-\\d+)\\b");

    static void usage() {
        System.out.println(
                """
                Usage: java -cp postgresql.jar bench/load/PageLatency.java --base URL --token T --jdbc URL --smtp-port P [options]
                  --base URL            Cairn, localhost only (default http://127.0.0.1:8080)
                  --token T             admin API token (required)
                  --jdbc URL            Cairn's database, jdbc:postgresql://127.0.0.1:5432/DB (required; checks and stage times)
                  --db-user U           database user (default postgres)
                  --smtp-port P         port of this program's SMTP sink; Cairn's spring.mail.port must be P (required)
                  --alerts N            measured alerts (default 200; 1..5000)
                  --warmup N            alerts sent and awaited first, not in the figures (default 20)
                  --rate R              alerts sent per second (default 20)
                  --concurrency C       requests in flight at most (default 4)
                  --timeout S           wait at most S seconds after the last send for the e-mails (default 60)
                  --step-delay M        minutes before the policy's second step (default 10: only step 1 fires)
                  --smtp-delay-ms D     the sink holds each 250 after DATA for D ms: a slow mail server (default 0)
                  --alertmanager URL    end to end: alternate alerts between this Alertmanager and the direct hook
                  --alertmanager-config FILE   the config file that Alertmanager was started with (rewritten, then reloaded)
                  --group-wait D --group-interval D   Alertmanager route timings (default 0s and 1s)
                Prints percentiles of e-mail latency and of the webhook round trip (the yardstick) and their ratio,
                where the time goes (Cairn's own timestamps), the SQL checks and one 'RESULT ...' line.
                Exit status: 0 all alerts paged once and mailed, 1 something missing or duplicated, 2 set-up failed.""");
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

        Sink(String name, int port, int delayMs) throws IOException {
            this.name = name;
            this.delayMs = delayMs;
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
                            if (delayMs > 0) {
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

    // ---- one alert ---------------------------------------------------------------------------------

    /** One alert: its token (in its summary, so in the page's title and the e-mail's subject) and times. */
    static final class Alert {
        final String token;
        final boolean viaAlertmanager;
        final boolean measured;
        volatile long sentNanos, answeredNanos;
        volatile Instant sentWall;
        volatile int status;
        volatile String error;
        volatile Mail firstMail;
        final AtomicInteger mails = new AtomicInteger();
        // from the database
        Instant groupAt, pageAt, stepAt, claimAt, resolveSentWall, groupResolvedAt;
        long pageId = -1;
        String pageStatus;
        int groups, pages, steps, deliveries;

        Alert(String token, boolean viaAlertmanager, boolean measured) {
            this.token = token;
            this.viaAlertmanager = viaAlertmanager;
            this.measured = measured;
        }

        long mailNanos() {
            Mail m = firstMail;
            return m == null ? -1 : m.nanos - sentNanos;
        }

        long roundTripNanos() {
            return status == 200 ? answeredNanos - sentNanos : -1;
        }
    }

    // ---- main ----------------------------------------------------------------------------------------

    static HttpClient client;
    static URI base;
    static String token;

    public static void main(String[] args) throws Exception {
        String baseArg = "http://127.0.0.1:8080", jdbc = null, dbUser = "postgres", amArg = null, amConfig = null;
        String groupWait = "0s", groupInterval = "1s";
        int smtpPort = -1, alerts = 200, warmup = 20, concurrency = 4, timeout = 60, stepDelay = 10, smtpDelay = 0;
        double rate = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> baseArg = value(args, ++i);
                case "--token" -> token = value(args, ++i);
                case "--jdbc" -> jdbc = value(args, ++i);
                case "--db-user" -> dbUser = value(args, ++i);
                case "--smtp-port" -> smtpPort = intValue(args, ++i, 1, 65535);
                case "--alerts" -> alerts = intValue(args, ++i, 1, 5000);
                case "--warmup" -> warmup = intValue(args, ++i, 0, 1000);
                case "--rate" -> rate = Double.parseDouble(value(args, ++i));
                case "--concurrency" -> concurrency = intValue(args, ++i, 1, 64);
                case "--timeout" -> timeout = intValue(args, ++i, 1, 600);
                case "--step-delay" -> stepDelay = intValue(args, ++i, 1, 1440);
                case "--smtp-delay-ms" -> smtpDelay = intValue(args, ++i, 0, 4500);
                case "--alertmanager" -> amArg = value(args, ++i);
                case "--alertmanager-config" -> amConfig = value(args, ++i);
                case "--group-wait" -> groupWait = value(args, ++i);
                case "--group-interval" -> groupInterval = value(args, ++i);
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (token == null || token.isBlank()) fail("--token is required");
        if (jdbc == null) fail("--jdbc is required");
        if (smtpPort < 0) fail("--smtp-port is required (Cairn's spring.mail.port)");
        if (rate <= 0 || rate > 1000) fail("--rate must be in (0, 1000]");
        if ((amArg == null) != (amConfig == null)) fail("--alertmanager and --alertmanager-config go together");
        if (!jdbc.matches("^jdbc:postgresql://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?/.+")) {
            fail("refusing --jdbc " + jdbc + ": only jdbc:postgresql://127.0.0.1|localhost|[::1] is allowed");
        }
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            fail("the PostgreSQL JDBC driver is not on the class path: java -cp postgresql-<v>.jar bench/load/PageLatency.java ...");
        }
        base = localBase(baseArg);
        URI am = amArg == null ? null : localBase(amArg);
        boolean e2e = am != null;
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        Sink sink = new Sink("sink", smtpPort, smtpDelay);
        Map<String, Alert> byToken = new ConcurrentHashMap<>();
        List<Mail> otherMails = new CopyOnWriteArrayList<>();
        sink.listener = mail -> {
            Matcher m = SUBJECT_PAGE.matcher(mail.subject);
            Alert a = m.find() ? byToken.get(m.group(2)) : null;
            if (a == null) {
                otherMails.add(mail);
                return;
            }
            synchronized (a) {
                if (a.firstMail == null) a.firstMail = mail;
            }
            a.mails.incrementAndGet();
        };

        // ---- set-up through the API ----
        String run = "pl" + Long.toString(System.currentTimeMillis(), 36);
        long serviceId = id(post("/api/v1/services", "{\"name\":\"" + run + " service\",\"tier\":2}", 201), "service");
        String email = run + "@bench.invalid";
        long userId = id(post("/api/v1/users",
                "{\"email\":\"" + email + "\",\"name\":\"Bench " + run + "\",\"role\":\"responder\"}", 201), "user");
        long methodId = id(post("/api/v1/users/" + userId + "/contact-methods",
                "{\"name\":\"work mail\",\"channel\":\"email\",\"address\":\"" + email + "\"}", 201), "contact method");
        String policyBody = "{\"name\":\"" + run + " policy\",\"serviceIds\":[" + serviceId + "],\"repeat\":0,\"steps\":["
                + "{\"delayMinutes\":" + stepDelay + ",\"targets\":[{\"kind\":\"user\",\"id\":" + userId + "}]},"
                + "{\"delayMinutes\":" + stepDelay + ",\"targets\":[{\"kind\":\"user\",\"id\":" + userId + "}]}]}";
        long policyId = id(post("/api/v1/escalation-policies", policyBody, 201), "escalation policy");
        String[] direct = integration(run + (e2e ? "-direct" : ""), serviceId);
        String[] viaAm = e2e ? integration(run + "-am", serviceId) : null;
        URI hook = base.resolve(URI.create(direct[1]).getRawPath());

        // Probe: a test e-mail through the outbox proves that Cairn's mail reaches this sink.
        HttpResponse<String> test = send("POST", "/api/v1/users/" + userId + "/contact-methods/" + methodId + "/test", "");
        if (test.statusCode() != 202) fail("test notification got HTTP " + test.statusCode() + ": " + abbreviate(test.body()));
        long probeDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (otherMails.stream().noneMatch(m -> m.subject.startsWith("Cairn test notification"))) {
            if (System.nanoTime() > probeDeadline) {
                fail("the test e-mail never reached the SMTP sink on 127.0.0.1:" + smtpPort
                        + " within 30 s: start Cairn with --spring.mail.host=127.0.0.1 --spring.mail.port=" + smtpPort);
            }
            Thread.sleep(20);
        }

        if (e2e) {
            configureAlertmanager(am, Path.of(amConfig), base.resolve(URI.create(viaAm[1]).getRawPath()), groupWait, groupInterval);
        }
        System.out.printf("target %s, %s, service %d, policy %d (step 1 pages user %d at once, step 2 after %d min),"
                        + " %d measured alerts after %d warm-up, %.1f/s, concurrency %d, SMTP sink 127.0.0.1:%d%s, %d cores%n",
                base, e2e ? "alerts alternately through Alertmanager " + am + " (group_wait " + groupWait + ", group_interval "
                        + groupInterval + ") and straight to the hook" : "alerts straight to the Alertmanager hook",
                serviceId, policyId, userId, stepDelay, alerts, warmup, rate, concurrency, smtpPort,
                smtpDelay == 0 ? "" : " (holding each 250 for " + smtpDelay + " ms)", Runtime.getRuntime().availableProcessors());

        // ---- warm-up and measured phase ----
        List<Alert> all = new ArrayList<>();
        for (int phase = 0; phase < 2; phase++) {
            int n = phase == 0 ? warmup : alerts;
            if (n == 0) continue;
            List<Alert> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean viaAmHere = e2e && i % 2 == 0;
                String t = run + "-" + (phase == 0 ? "w" : viaAmHere ? "am" : "d") + "-" + i;
                Alert a = new Alert(t, viaAmHere, phase == 1);
                byToken.put(t, a);
                batch.add(a);
            }
            fire(batch, rate, concurrency, a -> a.viaAlertmanager ? amRequest(am, a, false) : hookRequest(hook, a, false));
            long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
            while (batch.stream().anyMatch(a -> a.status == 200 && a.firstMail == null) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            all.addAll(batch);
        }
        Thread.sleep(1500); // a late duplicate would show here
        List<Alert> measured = all.stream().filter(a -> a.measured).toList();

        // ---- the database: where the time went, and the checks ----
        List<Long> integrationIds = new ArrayList<>(List.of(Long.parseLong(direct[0])));
        if (e2e) integrationIds.add(Long.parseLong(viaAm[0]));
        Checks checks;
        try (Connection c = DriverManager.getConnection(jdbc, dbUser, "")) {
            // An e-mail is at the sink when its DATA ends; Cairn records it after the 250. Let the last ones settle.
            long settle = System.nanoTime() + Duration.ofMillis(10_000L + smtpDelay).toNanos();
            while (count(c, "select count(*) from notification_deliveries where topic like 'page:%' and status in ('pending', 'sending')") > 0
                    && System.nanoTime() < settle) {
                Thread.sleep(100);
            }
            checks = readDatabase(c, integrationIds, byToken);
        }

        // ---- report ----
        System.out.println();
        int failedPosts = (int) measured.stream().filter(a -> a.status != 200).count();
        Map<String, Long> errors = measured.stream().filter(a -> a.status != 200)
                .collect(Collectors.groupingBy(a -> a.error == null ? "HTTP " + a.status : a.error, Collectors.counting()));
        StringBuilder result = new StringBuilder("RESULT");
        int missing = 0, duplicates = 0;
        for (int path = 0; path < (e2e ? 2 : 1); path++) {
            boolean amPath = e2e && path == 0;
            List<Alert> these = measured.stream().filter(a -> a.viaAlertmanager == amPath).toList();
            String label = !e2e ? "" : amPath ? "through Alertmanager" : "straight to the hook";
            String key = !e2e ? "" : amPath ? "am_" : "direct_";
            int miss = (int) these.stream().filter(a -> a.status == 200 && a.firstMail == null).count();
            int dup = (int) these.stream().filter(a -> a.mails.get() > 1).count();
            missing += miss;
            duplicates += dup;
            long[] mail = sorted(these, Alert::mailNanos);
            long[] rtt = sorted(these, Alert::roundTripNanos);
            long[] group = sortedWall(these, a -> a.groupAt);
            long[] page = sortedWall(these, a -> a.pageAt);
            long[] step = sortedWall(these, a -> a.stepAt);
            long[] claim = sortedWall(these, a -> a.claimAt);
            if (e2e) System.out.printf("%s (%d alerts):%n", label, these.size());
            System.out.printf("  page e-mail (POST sent -> end of DATA at the SMTP sink): p50 %s, p90 %s, p99 %s, max %s over %d e-mails%n",
                    ms(mail, 50), ms(mail, 90), ms(mail, 99), ms(mail, 100), mail.length);
            System.out.printf("  %s round trip (POST -> 200, yardstick): p50 %s, p90 %s, p99 %s, max %s%n",
                    amPath ? "Alertmanager API" : "webhook", ms(rtt, 50), ms(rtt, 90), ms(rtt, 99), ms(rtt, 100));
            System.out.printf("  where the time goes (p50 / p99 from the POST, Cairn's own timestamps):"
                            + " alert group %s / %s, page opened %s / %s, step 1 fired %s / %s, delivery worker started %s / %s,"
                            + " e-mail at the sink %s / %s%n",
                    ms(group, 50), ms(group, 99), ms(page, 50), ms(page, 99), ms(step, 50), ms(step, 99), ms(claim, 50),
                    ms(claim, 99), ms(mail, 50), ms(mail, 99));
            System.out.printf("  never mailed within %d s: %d; mailed more than once: %d; POSTs not answered 200: %d%s%n",
                    timeout, miss, dup, (int) these.stream().filter(a -> a.status != 200).count(),
                    errors.isEmpty() || e2e ? "" : " " + errors);
            if (!amPath) {
                System.out.printf("  page e-mail p50 %s = %.1f x the webhook's p50 (%s)%n", ms(mail, 50),
                        pct(mail, 50) / pct(rtt, 50), ms(rtt, 50));
            }
            result.append(String.format(Locale.ROOT, " %smail_p50_ms=%.1f %smail_p90_ms=%.1f %smail_p99_ms=%.1f %smail_max_ms=%.1f"
                            + " %srtt_p50_ms=%.2f %sgroup_p50_ms=%.1f %spage_p50_ms=%.1f %smissing=%d %sduplicate_mails=%d",
                    key, pct(mail, 50), key, pct(mail, 90), key, pct(mail, 99), key, pct(mail, 100), key, pct(rtt, 50), key,
                    pct(group, 50), key, pct(page, 50), key, miss, key, dup));
            if (!e2e) result.append(String.format(Locale.ROOT, " ratio_mail_p50_to_webhook_p50=%.1f", pct(mail, 50) / pct(rtt, 50)));
        }
        if (e2e) {
            List<Alert> a1 = measured.stream().filter(a -> a.viaAlertmanager).toList();
            List<Alert> d1 = measured.stream().filter(a -> !a.viaAlertmanager).toList();
            String[] names = {"alert group", "page", "e-mail"};
            List<ToLongFunction<Alert>> f = List.of(a -> wallNanos(a, a.groupAt), a -> wallNanos(a, a.pageAt), Alert::mailNanos);
            System.out.println("Alertmanager ÷ direct hook (yardstick), p50:");
            for (int i = 0; i < 3; i++) {
                long[] x = sorted(a1, f.get(i)), y = sorted(d1, f.get(i));
                System.out.printf("  (%c) %-11s %s vs %s = %.1f x (p99 %s vs %s)%n", 'a' + i, names[i], ms(x, 50), ms(y, 50),
                        pct(x, 50) / pct(y, 50), ms(x, 99), ms(y, 99));
                result.append(String.format(Locale.ROOT, " ratio_%s_p50=%.2f", i == 0 ? "group" : i == 1 ? "page" : "mail",
                        pct(x, 50) / pct(y, 50)));
            }
        }
        System.out.printf("checks (SQL, all %d alerts incl. warm-up): alerts with no group %d, with 2+ groups %d, duplicate open groups %d;"
                        + " groups with no page %d, with 2+ pages %d; pages whose step 1 fired 0 times %d, 2+ times %d;"
                        + " deliveries not sent %d; other e-mails at the sink %d%n",
                all.size(), checks.noGroup, checks.manyGroups, checks.duplicateOpen, checks.noPage, checks.manyPages,
                checks.noStep, checks.manySteps, checks.notSent, otherMails.size() - 1);
        for (String e : checks.examples) System.out.println("  " + e);

        // ---- end the pages: acknowledge them (direct) or resolve the alerts through their paths (e2e) ----
        int endProblems;
        if (e2e) {
            endProblems = resolveAll(all, am, hook, rate, concurrency, timeout, jdbc, dbUser, integrationIds, result);
        } else {
            endProblems = acknowledgeAll(all, concurrency);
            result.append(" ack_failed=").append(endProblems);
        }
        if (e2e) result.append(String.format(" missing=%d duplicate_mails=%d", missing, duplicates));
        result.append(String.format(" failed_posts=%d check_failures=%d", failedPosts, checks.failures()));
        System.out.println(result);
        sink.close();
        boolean bad = failedPosts > 0 || missing > 0 || duplicates > 0 || checks.failures() > 0 || endProblems > 0;
        System.exit(bad ? 1 : 0);
    }

    // ---- sending ---------------------------------------------------------------------------------------

    interface RequestFor {
        HttpRequest of(Alert a) throws Exception;
    }

    /** Sends one request per alert at a fixed rate, at most {@code concurrency} in flight. */
    static void fire(List<Alert> alerts, double rate, int concurrency, RequestFor requests) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < alerts.size(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                inFlight.acquire();
                Alert a = alerts.get(i);
                HttpRequest request = requests.of(a);
                pool.submit(() -> {
                    try {
                        a.sentWall = Instant.now();
                        a.sentNanos = System.nanoTime();
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        a.answeredNanos = System.nanoTime();
                        a.status = r.statusCode();
                        if (r.statusCode() != 200) a.error = "HTTP " + r.statusCode() + " " + abbreviate(r.body());
                    } catch (Exception e) {
                        a.error = e.getClass().getSimpleName();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    static String labels(Alert a) {
        return "{\"alertname\":\"PageLatencyBench\",\"severity\":\"critical\",\"instance\":\"" + a.token + "\"}";
    }

    static String annotations(Alert a) {
        return "{\"summary\":\"PageLatency " + a.token + "\"}";
    }

    static final Instant STARTS_AT = Instant.now().minusSeconds(5);

    /** An Alertmanager v4 webhook with this one alert, as Alertmanager would send it. */
    static HttpRequest hookRequest(URI hook, Alert a, boolean resolve) {
        String status = resolve ? "resolved" : "firing";
        String body = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"PageLatencyBench\\\"}\",\"receiver\":\"cairn\","
                + "\"status\":\"" + status + "\",\"commonLabels\":{\"alertname\":\"PageLatencyBench\"},\"alerts\":[{"
                + "\"status\":\"" + status + "\",\"labels\":" + labels(a) + ",\"annotations\":" + annotations(a)
                + ",\"startsAt\":\"" + STARTS_AT + "\",\"endsAt\":\"" + (resolve ? Instant.now().toString() : "0001-01-01T00:00:00Z")
                + "\",\"generatorURL\":\"http://prometheus.local/graph\",\"fingerprint\":\"" + a.token + "\"}]}";
        return HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The same alert posted to Alertmanager's own API; a resolve is the alert with endsAt now. */
    static HttpRequest amRequest(URI am, Alert a, boolean resolve) {
        String body = "[{\"labels\":" + labels(a) + ",\"annotations\":" + annotations(a) + ",\"startsAt\":\"" + STARTS_AT + "\""
                + (resolve ? ",\"endsAt\":\"" + Instant.now().minusMillis(1) + "\"" : "")
                + ",\"generatorURL\":\"http://prometheus.local/graph\"}]";
        return HttpRequest.newBuilder(am.resolve("/api/v2/alerts")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Writes Alertmanager's config with Cairn's hook as its only receiver and makes it reload. */
    static void configureAlertmanager(URI am, Path config, URI hook, String groupWait, String groupInterval) throws Exception {
        String yaml = """
                # Written by bench/load/PageLatency.java for this run.
                route:
                  receiver: cairn
                  group_by: ['alertname', 'instance']
                  group_wait: %s
                  group_interval: %s
                  repeat_interval: 1h
                receivers:
                  - name: cairn
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                """.formatted(groupWait, groupInterval, hook);
        Files.writeString(config, yaml);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(am.resolve("/-/reload")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) fail("Alertmanager did not reload its config: HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        HttpResponse<String> status = client.send(HttpRequest.newBuilder(am.resolve("/api/v2/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (!status.body().contains(hook.getRawPath())) fail("Alertmanager's running config does not name Cairn's hook");
    }

    // ---- ending the run ----------------------------------------------------------------------------

    static int acknowledgeAll(List<Alert> all, int concurrency) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Alert a : all) {
                if (a.pageId < 0) continue;
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        HttpResponse<String> r = send("POST", "/api/v1/pages/" + a.pageId + "/acknowledge", "");
                        if (r.statusCode() != 200 || !r.body().contains("\"acknowledged\"")) failed.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        System.out.printf("acknowledged %d pages through POST /api/v1/pages/{id}/acknowledge; failed %d%n",
                all.stream().filter(a -> a.pageId >= 0).count(), failed.get());
        return failed.get();
    }

    /** Resolves every alert through the path it came by and waits for the groups and pages to resolve. */
    static int resolveAll(List<Alert> all, URI am, URI hook, double rate, int concurrency, int timeout, String jdbc,
            String dbUser, List<Long> integrationIds, StringBuilder result) throws Exception {
        List<Alert> sent = all.stream().filter(a -> a.status == 200).toList();
        List<Alert> copies = new ArrayList<>();
        for (Alert a : sent) {
            Alert r = new Alert(a.token, a.viaAlertmanager, a.measured);
            copies.add(r);
        }
        fire(copies, rate, concurrency, a -> a.viaAlertmanager ? amRequest(am, a, true) : hookRequest(hook, a, true));
        for (int i = 0; i < sent.size(); i++) sent.get(i).resolveSentWall = copies.get(i).sentWall;
        int failedResolves = (int) copies.stream().filter(a -> a.status != 200).count();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        long firingGroups = -1, openPages = -1;
        Map<String, Instant> resolvedAt = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, dbUser, "")) {
            String ids = integrationIds.stream().map(String::valueOf).collect(Collectors.joining(","));
            while (System.nanoTime() < deadline) {
                firingGroups = count(c, "select count(*) from alert_groups where status = 'firing' and integration_id in (" + ids + ")");
                openPages = count(c, "select count(*) from pages p join alert_groups g on g.id = p.alert_group_id"
                        + " where p.status <> 'RESOLVED' and g.integration_id in (" + ids + ")");
                if (firingGroups == 0 && openPages == 0) break;
                Thread.sleep(200);
            }
            try (PreparedStatement ps = c.prepareStatement("select title, resolved_at from alert_groups where integration_id in ("
                    + ids + ") and resolved_at is not null"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) resolvedAt.put(rs.getString(1).replace("PageLatency ", ""), rs.getTimestamp(2).toInstant());
            }
        }
        for (Alert a : sent) a.groupResolvedAt = resolvedAt.get(a.token);
        System.out.println();
        for (boolean viaAm : new boolean[] {true, false}) {
            List<Alert> these = sent.stream().filter(a -> a.measured && a.viaAlertmanager == viaAm).toList();
            long[] res = these.stream().filter(a -> a.groupResolvedAt != null && a.resolveSentWall != null)
                    .mapToLong(a -> Duration.between(a.resolveSentWall, a.groupResolvedAt).toNanos()).sorted().toArray();
            System.out.printf("resolve %s (resolve sent -> group resolved): p50 %s, p99 %s, max %s over %d%n",
                    viaAm ? "through Alertmanager" : "straight to the hook", ms(res, 50), ms(res, 99), ms(res, 100), res.length);
            result.append(String.format(Locale.ROOT, " %sresolve_p50_ms=%.1f", viaAm ? "am_" : "direct_", pct(res, 50)));
        }
        System.out.printf("after resolving every alert: firing groups left %d, pages not resolved %d, resolve POSTs not answered 200 %d%n",
                firingGroups, openPages, failedResolves);
        result.append(" firing_left=").append(firingGroups).append(" pages_open_left=").append(openPages);
        return (int) (firingGroups + openPages + failedResolves);
    }

    // ---- the database ----------------------------------------------------------------------------------

    static final class Checks {
        int noGroup, manyGroups, duplicateOpen, noPage, manyPages, noStep, manySteps, notSent;
        final List<String> examples = new ArrayList<>();

        int failures() {
            return noGroup + manyGroups + duplicateOpen + noPage + manyPages + noStep + manySteps + notSent;
        }

        void example(String s) {
            if (examples.size() < 10) examples.add(s);
        }
    }

    static Checks readDatabase(Connection c, List<Long> integrationIds, Map<String, Alert> byToken) throws SQLException {
        Checks k = new Checks();
        String ids = integrationIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, Alert> byGroup = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, title, first_seen from alert_groups where integration_id in ("
                + ids + ") order by id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Alert a = byToken.get(rs.getString("title").replace("PageLatency ", ""));
                if (a == null) continue;
                a.groups++;
                if (a.groupAt == null) a.groupAt = rs.getTimestamp("first_seen").toInstant();
                byGroup.put(rs.getLong("id"), a);
            }
        }
        k.duplicateOpen = (int) count(c, "select count(*) from (select dedup_key from alert_groups where integration_id in (" + ids
                + ") and status = 'firing' group by integration_id, dedup_key having count(*) > 1) x");
        Map<Long, Alert> byPage = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select p.id, p.alert_group_id, p.created_at, p.status from pages p"
                + " join alert_groups g on g.id = p.alert_group_id where g.integration_id in (" + ids + ")");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Alert a = byGroup.get(rs.getLong("alert_group_id"));
                if (a == null) continue;
                a.pages++;
                a.pageId = rs.getLong("id");
                a.pageStatus = rs.getString("status");
                a.pageAt = rs.getTimestamp("created_at").toInstant();
                byPage.put(a.pageId, a);
            }
        }
        if (!byPage.isEmpty()) {
            String pages = byPage.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
            try (PreparedStatement ps = c.prepareStatement("select page_id, at, detail from page_events where kind = 'step'"
                    + " and page_id in (" + pages + ") order by id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Alert a = byPage.get(rs.getLong(1));
                    if (!rs.getString(3).startsWith("Step 1 of")) continue;
                    a.steps++;
                    if (a.stepAt == null) a.stepAt = rs.getTimestamp(2).toInstant();
                }
            }
            String topics = byPage.keySet().stream().map(p -> "'page:" + p + "'").collect(Collectors.joining(","));
            try (PreparedStatement ps = c.prepareStatement("select d.topic, d.status, (select min(attempted_at) from"
                    + " notification_attempts t where t.delivery_id = d.id) from notification_deliveries d where d.topic in ("
                    + topics + ")"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Alert a = byPage.get(Long.parseLong(rs.getString(1).substring(5)));
                    a.deliveries++;
                    Timestamp claimed = rs.getTimestamp(3);
                    if (claimed != null && (a.claimAt == null || claimed.toInstant().isBefore(a.claimAt))) a.claimAt = claimed.toInstant();
                    if (!"sent".equals(rs.getString(2))) {
                        k.notSent++;
                        k.example("delivery of page " + a.pageId + " (" + a.token + ") is " + rs.getString(2));
                    }
                }
            }
        }
        for (Alert a : byToken.values()) {
            if (a.status != 200) continue;
            if (a.groups == 0) {
                k.noGroup++;
                k.example(a.token + ": answered 200 but no alert group");
            } else if (a.groups > 1) {
                k.manyGroups++;
                k.example(a.token + ": " + a.groups + " alert groups");
            }
            if (a.groups > 0 && a.pages == 0) {
                k.noPage++;
                k.example(a.token + ": group without a page");
            } else if (a.pages > 1) {
                k.manyPages++;
                k.example(a.token + ": " + a.pages + " pages");
            }
            if (a.pages > 0 && a.steps == 0) {
                k.noStep++;
                k.example(a.token + ": page " + a.pageId + " never fired step 1");
            } else if (a.steps > 1) {
                k.manySteps++;
                k.example(a.token + ": page " + a.pageId + " fired step 1 " + a.steps + " times");
            }
        }
        return k;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- statistics ----------------------------------------------------------------------------------

    static long wallNanos(Alert a, Instant at) {
        return at == null || a.sentWall == null ? -1 : Duration.between(a.sentWall, at).toNanos();
    }

    static long[] sorted(List<Alert> alerts, ToLongFunction<Alert> f) {
        return alerts.stream().mapToLong(f).filter(v -> v >= 0).sorted().toArray();
    }

    interface InstantOf {
        Instant of(Alert a);
    }

    static long[] sortedWall(List<Alert> alerts, InstantOf f) {
        // Cairn's timestamps can be a few microseconds before our own send time only by clock jitter: clamp at 0.
        return alerts.stream().filter(a -> f.of(a) != null && a.sentWall != null)
                .mapToLong(a -> Math.max(0, Duration.between(a.sentWall, f.of(a)).toNanos())).sorted().toArray();
    }

    /** Nearest-rank percentile in ms; NaN when empty. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static String ms(long[] sorted, double p) {
        double v = pct(sorted, p);
        return Double.isNaN(v) ? "n/a" : v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.1f ms", v);
    }

    // ---- API helpers -----------------------------------------------------------------------------------

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (json != null) b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String json, int expect) throws Exception {
        HttpResponse<String> r = send("POST", path, json);
        if (r.statusCode() != expect) fail("POST " + path + " got HTTP " + r.statusCode() + " (expected " + expect + "): " + abbreviate(r.body()));
        return r;
    }

    static long id(HttpResponse<String> r, String what) {
        Matcher m = ID.matcher(r.body());
        if (!m.find()) fail("no id in the answer creating the " + what + ": " + abbreviate(r.body()));
        return Long.parseLong(m.group(1));
    }

    /** {id, hook url} of a new Alertmanager integration of the service. */
    static String[] integration(String name, long serviceId) throws Exception {
        HttpResponse<String> r = post("/api/v1/integrations",
                "{\"name\":\"" + name + "\",\"kind\":\"alertmanager\",\"serviceId\":" + serviceId + "}", 201);
        Matcher url = URL.matcher(r.body());
        if (!url.find()) fail("no url in the integration: " + abbreviate(r.body()));
        return new String[] {String.valueOf(id(r, "integration")), url.group(1)};
    }

    static URI localBase(String s) {
        URI u;
        try {
            u = URI.create(s);
        } catch (IllegalArgumentException e) {
            fail("not a URL: " + s);
            return null;
        }
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
        System.err.println("PageLatency: " + message);
        System.exit(2);
    }
}
