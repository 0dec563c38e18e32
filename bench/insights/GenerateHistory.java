import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A large, realistic synthetic incident history for Cairn, loaded into PostgreSQL with COPY.
 *
 * <p>Runs Cairn's own Flyway migrations on the target database first (target/classes must be on
 * the classpath), then writes people in teams and time zones, services with owner teams (some
 * whose incidents are dominated by one expert), weekly on-call schedules, escalation policies,
 * incidents over the last few years with every key timestamp, roles, participants with join and
 * leave times, pages with their events (steps, notifications, acknowledgements, and pages that
 * never became incidents), and the timeline: system entries for every change plus messages
 * written by the people in the room. Night incidents, drills and private incidents are part of
 * the mix. Everything is drawn from a seeded random stream per incident, so the same flags give
 * the same data whatever the number of threads (only the ids of timeline entries, participants
 * and page events, given out by the database, differ in order).
 *
 * <p>Usage: java -cp target/classes:$(deps) bench/insights/GenerateHistory.java [flags]; see
 * --help and bench/README.md.
 */
public class GenerateHistory {

    static final String BENCH_ADMIN_EMAIL = "bench-admin@cairn.bench";
    static final String BENCH_TOKEN = "cairn_bench_insights_token_0123456789";

    record Options(
            String url,
            String user,
            String password,
            boolean recreate,
            int incidents,
            long entries,
            int people,
            int years,
            long seed,
            int threads,
            int chunk,
            Instant end) {}

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        long t0 = System.nanoTime();
        if (o.recreate()) {
            recreate(o);
        }
        Flyway.configure()
                .dataSource(o.url(), o.user(), o.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        double migrateSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("migrated schema in %.1f s%n", migrateSeconds);
        World world = new World(o);
        try (Connection c = connect(o)) {
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from incidents")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("the database already holds incidents; use --recreate");
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from users")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("the database already holds users; use --recreate");
                }
            }
        }
        long tLoad = System.nanoTime();
        List<String[]> dropped;
        Counts counts = new Counts();
        try (Connection c = connect(o)) {
            dropped = dropSecondaryIndexes(c);
            c.setAutoCommit(false);
            fastSession(c);
            world.loadStatic(c, counts);
            c.commit();
        }
        System.out.printf(
                "people, teams, services, schedules, policies: %,d rows in %.1f s%n",
                counts.total(), (System.nanoTime() - tLoad) / 1e9);
        long tIncidents = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(o.threads());
        List<Future<?>> jobs = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        for (int from = 1; from <= o.incidents(); from += o.chunk()) {
            int first = from;
            int last = Math.min(o.incidents(), from + o.chunk() - 1);
            jobs.add(pool.submit(() -> {
                try (Connection c = connect(o)) {
                    c.setAutoCommit(false);
                    fastSession(c);
                    world.loadIncidents(c, first, last, counts);
                    c.commit();
                }
                long n = done.addAndGet(last - first + 1);
                if (n % Math.max(o.chunk(), o.incidents() / 10 / o.chunk() * o.chunk()) == 0 || n == o.incidents()) {
                    double s = (System.nanoTime() - tIncidents) / 1e9;
                    System.out.printf(
                            "  %,d/%,d incidents, %,d timeline entries, %.0f s, %,.0f rows/s%n",
                            n, o.incidents(), counts.get("timeline_entries"), s, counts.total() / s);
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
        double copySeconds = (System.nanoTime() - tIncidents) / 1e9;
        long tIndex = System.nanoTime();
        recreateIndexes(o, dropped);
        double indexSeconds = (System.nanoTime() - tIndex) / 1e9;
        long tAnalyze = System.nanoTime();
        try (Connection c = connect(o)) {
            Statement s = c.createStatement();
            for (String table : List.of(
                    "users", "api_tokens", "incidents", "pages", "incident_participants", "timeline_entries")) {
                s.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select coalesce(max(id), 1) from "
                        + table + "))");
            }
            s.execute("analyze");
        }
        double analyzeSeconds = (System.nanoTime() - tAnalyze) / 1e9;
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.println();
        System.out.printf("%-28s %14s%n", "table", "rows");
        counts.rows.forEach((table, n) -> System.out.printf("%-28s %,14d%n", table, n.get()));
        System.out.printf("%-28s %,14d%n", "all", counts.total());
        System.out.println();
        System.out.printf(
                "COPY of incidents and everything under them: %.1f s (%,.0f rows/s, %,.0f timeline entries/s, %d threads)%n",
                copySeconds,
                (counts.total() - counts.staticRows) / copySeconds,
                counts.get("timeline_entries") / copySeconds,
                o.threads());
        System.out.printf("secondary indexes rebuilt: %.1f s (%d indexes)%n", indexSeconds, dropped.size());
        System.out.printf("sequences + ANALYZE: %.1f s%n", analyzeSeconds);
        System.out.printf("TOTAL (migrations to ANALYZE): %.1f s = %.1f min%n", total, total / 60);
        try (Connection c = connect(o)) {
            ResultSet rs = c.createStatement()
                    .executeQuery("select relname, pg_size_pretty(pg_total_relation_size(oid)), pg_total_relation_size(oid)"
                            + " from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace"
                            + " and relname in ('incidents','timeline_entries','incident_participants','incident_roles',"
                            + "'incident_services','pages','page_events','users')"
                            + " order by 3 desc");
            System.out.println();
            System.out.println("size on disk (table + indexes + toast):");
            while (rs.next()) {
                System.out.printf("  %-24s %s%n", rs.getString(1), rs.getString(2));
            }
            rs = c.createStatement().executeQuery("select pg_size_pretty(pg_database_size(current_database()))");
            rs.next();
            System.out.printf("  %-24s %s%n", "database", rs.getString(1));
        }
        System.out.println();
        System.out.println("admin for the API: " + BENCH_ADMIN_EMAIL + ", token " + BENCH_TOKEN);
    }

    // ---- options --------------------------------------------------------------------------------

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (k.equals("--help") || k.equals("-h")) {
                System.out.println(
                        """
                        GenerateHistory: a synthetic incident history for Cairn, loaded with COPY.
                          --url jdbc:postgresql://127.0.0.1:5432/cairn_bench   target database
                          --user postgres --password ''                          credentials
                          --recreate            drop and create the target database first
                          --incidents 100000    incidents over --years (default 3)
                          --entries 10000000    timeline entries in all
                          --people 2000         people (teams of about 50, services one per 10 people)
                          --seed 42             same seed, same data
                          --threads 3           parallel COPY connections
                          --chunk 500           incidents per COPY transaction
                          --end 2026-12-01T00:00:00Z   the history ends here (incidents after it are open)
                        """);
                System.exit(0);
            }
            if (k.equals("--recreate")) {
                a.put("recreate", "true");
                continue;
            }
            if (!k.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown argument " + k + " (see --help)");
            }
            a.put(k.substring(2), args[++i]);
        }
        Options o = new Options(
                a.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/cairn_bench"),
                a.getOrDefault("user", "postgres"),
                a.getOrDefault("password", ""),
                Boolean.parseBoolean(a.getOrDefault("recreate", "false")),
                Integer.parseInt(a.getOrDefault("incidents", "100000")),
                Long.parseLong(a.getOrDefault("entries", "10000000")),
                Integer.parseInt(a.getOrDefault("people", "2000")),
                Integer.parseInt(a.getOrDefault("years", "3")),
                Long.parseLong(a.getOrDefault("seed", "42")),
                Integer.parseInt(a.getOrDefault("threads", "3")),
                Integer.parseInt(a.getOrDefault("chunk", "500")),
                Instant.parse(a.getOrDefault("end", "2026-12-01T00:00:00Z")));
        if (o.incidents() < 1 || o.people() < 20 || o.entries() < o.incidents() || o.threads() < 1 || o.chunk() < 1) {
            throw new IllegalArgumentException(
                    "need --incidents >= 1, --people >= 20, --entries >= --incidents, --threads >= 1, --chunk >= 1");
        }
        String host = o.url().replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/].*$", "");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(host)) {
            throw new IllegalArgumentException("only a local database (127.0.0.1, localhost) is accepted: " + host);
        }
        return o;
    }

    static Connection connect(Options o) throws SQLException {
        return DriverManager.getConnection(o.url(), o.user(), o.password());
    }

    static void recreate(Options o) throws SQLException {
        String db = o.url().replaceFirst("^.*/", "").replaceFirst("\\?.*$", "");
        if (!db.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database name must be [a-z0-9_]+: " + db);
        }
        String admin = o.url().replaceFirst("/[^/?]+(\\?.*)?$", "/postgres");
        try (Connection c = DriverManager.getConnection(admin, o.user(), o.password())) {
            c.createStatement().execute("drop database if exists " + db + " with (force)");
            c.createStatement().execute("create database " + db);
        }
        System.out.println("created database " + db);
    }

    /** A bulk-load session: no waiting for WAL flushes, and foreign-key triggers off when allowed. */
    static void fastSession(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.execute("set synchronous_commit = off");
        try {
            // Superusers skip the per-row foreign-key triggers; every id written here exists, and
            // each chunk writes parents before children, so the load is also valid without it.
            c.setSavepoint();
            s.execute("set session_replication_role = replica");
        } catch (SQLException notSuperuser) {
            c.rollback();
            s.execute("set synchronous_commit = off");
        }
    }

    /** Secondary indexes of the big tables are dropped for the load and rebuilt once at the end. */
    static List<String[]> dropSecondaryIndexes(Connection c) throws SQLException {
        List<String[]> dropped = new ArrayList<>();
        ResultSet rs = c.createStatement()
                .executeQuery("select i.indexname, i.indexdef from pg_indexes i where i.schemaname = 'public'"
                        + " and i.tablename in ('timeline_entries', 'incident_participants', 'page_events', 'incident_roles',"
                        + " 'incident_services', 'incidents', 'pages')"
                        + " and not exists (select 1 from pg_constraint k where k.conname = i.indexname)");
        while (rs.next()) {
            dropped.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        for (String[] index : dropped) {
            c.createStatement().execute("drop index " + index[0]);
        }
        return dropped;
    }

    static void recreateIndexes(Options o, List<String[]> dropped) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.threads(), 2));
        List<Future<?>> jobs = new ArrayList<>();
        // Largest first, so the two workers finish close together.
        List<String[]> ordered = new ArrayList<>(dropped);
        ordered.sort((x, y) -> Integer.compare(weight(y[1]), weight(x[1])));
        for (String[] index : ordered) {
            jobs.add(pool.submit(() -> {
                long t = System.nanoTime();
                try (Connection c = connect(o)) {
                    c.createStatement().execute("set maintenance_work_mem = '512MB'");
                    c.createStatement().execute(index[1]);
                }
                System.out.printf("  index %-40s %.1f s%n", index[0], (System.nanoTime() - t) / 1e9);
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
    }

    static int weight(String def) {
        return (def.contains("timeline_entries") ? 10 : 0) + (def.contains("gin") ? 5 : 0);
    }

    // ---- counting ---------------------------------------------------------------------------------

    static final class Counts {
        final Map<String, AtomicLong> rows = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        volatile long staticRows;

        void add(String table, long n) {
            rows.computeIfAbsent(table, k -> new AtomicLong()).addAndGet(n);
        }

        long get(String table) {
            AtomicLong n = rows.get(table);
            return n == null ? 0 : n.get();
        }

        long total() {
            synchronized (rows) {
                return rows.values().stream().mapToLong(AtomicLong::get).sum();
            }
        }
    }

    /** Rows of one table in COPY text format. */
    static final class Copy {
        final String table;
        final String columns;
        final StringBuilder text = new StringBuilder(1 << 16);
        long rows;

        Copy(String table, String columns) {
            this.table = table;
            this.columns = columns;
        }

        Copy row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object v = values[i];
                if (v == null) {
                    text.append("\\N");
                } else if (v instanceof String s) {
                    escape(s);
                } else {
                    text.append(v);
                }
            }
            text.append('\n');
            rows++;
            return this;
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(ch);
                }
            }
        }

        void flush(Connection c, Counts counts) throws Exception {
            if (rows == 0) {
                return;
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(
                    "copy " + table + " (" + columns + ") from stdin",
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
            counts.add(table, rows);
            text.setLength(0);
            rows = 0;
        }
    }

    // ---- the world: people, teams, services, schedules, policies ------------------------------------

    static final String[] ZONES = {
        "Europe/Paris", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata",
        "Asia/Tokyo", "Australia/Sydney", "Europe/Berlin", "America/Sao_Paulo", "America/Chicago"
    };
    static final String[] TEAM_WORDS = {
        "Payments", "Search", "Identity", "Storage", "Networking", "Checkout", "Messaging", "Billing",
        "Platform", "Data", "Mobile", "Web", "Ledger", "Catalog", "Delivery", "Infra", "Security", "Growth",
        "Analytics", "Support"
    };
    static final String[] SERVICE_WORDS = {
        "api", "gateway", "consul", "kafka", "postgres", "redis", "auth", "ledger", "search", "indexer",
        "checkout", "cart", "cdn", "dns", "queue", "scheduler", "mailer", "billing", "ingest", "export"
    };
    static final String[] FIRST = {
        "Ariel", "Sam", "Noor", "Kai", "Lena", "Omar", "Mia", "Ravi", "Jun", "Zoe", "Ines", "Tariq", "Yuki",
        "Ben", "Ada", "Luca", "Sofia", "Hugo", "Priya", "Ola", "Mateo", "Chen", "Eva", "Femi", "Nina"
    };
    static final String[] LAST = {
        "Okafor", "Martin", "Sato", "Kowalski", "Singh", "Garcia", "Nguyen", "Muller", "Rossi", "Haddad",
        "Silva", "Kim", "Dubois", "Ivanova", "Larsen", "Mensah", "Costa", "Novak", "Ahmed", "Berg"
    };
    static final String[] WORDS = (
                    "the error rate on checkout went up again after the deploy we rolled back the canary and"
                            + " latency is still high on the east region looks like connection pool exhaustion in"
                            + " the database replicas I am checking the dashboards now can someone page the storage"
                            + " team the cache hit ratio dropped to forty percent after the config change we should"
                            + " fail over to the secondary cluster customers report timeouts on login the queue"
                            + " depth keeps growing consumers are stuck on a poison message restarting the workers"
                            + " did not help I see disk pressure on three nodes the certificate expired on the edge"
                            + " proxy DNS resolution is slow from the new zone the fix is deployed and error rates"
                            + " are back to normal let us keep watching for thirty minutes before we resolve")
            .split(" ");

    static final class World {
        final Options o;
        final int teams;
        final int services;
        final Instant start;
        final String[] zoneOfTeam;
        final int[] teamOf; // person (1-based, 0 unused) -> home team
        final String[] zoneOf;
        final List<List<Integer>> members = new ArrayList<>(); // team -> people
        final int[] ownerOf; // service -> team
        final int[] expertOf; // service -> person dominating its incidents, 0 if none
        final List<List<Integer>> rotation = new ArrayList<>(); // team -> weekly on-call order
        final Instant rotationStart;
        final int[] commsPool;
        final double[] serviceCdf;
        final long[] entryCounts;

        World(Options o) {
            this.o = o;
            this.teams = Math.max(4, o.people() / 50);
            this.services = Math.max(10, o.people() / 10);
            this.start = o.end().minus(Duration.ofDays(365L * o.years()));
            SplittableRandom r = new SplittableRandom(o.seed());
            zoneOfTeam = new String[teams + 1];
            for (int t = 1; t <= teams; t++) {
                zoneOfTeam[t] = ZONES[(t - 1) % ZONES.length];
                members.add(new ArrayList<>());
            }
            members.add(new ArrayList<>());
            teamOf = new int[o.people() + 2];
            zoneOf = new String[o.people() + 2];
            // person 1 is the bench admin; people 2..P+1 work in teams
            for (int p = 2; p <= o.people() + 1; p++) {
                int t = 1 + (p - 2) % teams;
                teamOf[p] = t;
                zoneOf[p] = r.nextDouble() < 0.85 ? zoneOfTeam[t] : ZONES[r.nextInt(ZONES.length)];
                members.get(t).add(p);
            }
            ownerOf = new int[services + 1];
            expertOf = new int[services + 1];
            for (int s = 1; s <= services; s++) {
                ownerOf[s] = 1 + (s - 1) % teams;
                if (r.nextDouble() < 0.15) {
                    List<Integer> m = members.get(ownerOf[s]);
                    expertOf[s] = m.get(r.nextInt(m.size()));
                }
            }
            for (int t = 1; t <= teams; t++) {
                List<Integer> m = members.get(t);
                rotation.add(List.copyOf(m.subList(0, Math.min(8, m.size()))));
            }
            rotation.add(0, List.of());
            LocalDate monday = LocalDate.ofInstant(start, ZoneId.of("UTC"))
                    .minusDays(7)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            rotationStart = monday.atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant();
            // The last team is the support team: its people lead communications in big incidents.
            commsPool = members.get(teams).stream().mapToInt(Integer::intValue).toArray();
            // A few services have most incidents (Zipf-like), as in real fleets.
            serviceCdf = new double[services + 1];
            double sum = 0;
            for (int s = 1; s <= services; s++) {
                sum += 1.0 / Math.pow(s, 0.8);
                serviceCdf[s] = sum;
            }
            for (int s = 1; s <= services; s++) {
                serviceCdf[s] /= sum;
            }
            entryCounts = entryCounts();
        }

        /** Timeline entries per incident: heavier for worse severities, summing to exactly --entries. */
        long[] entryCounts() {
            double[] w = new double[o.incidents() + 1];
            double total = 0;
            for (int i = 1; i <= o.incidents(); i++) {
                Header h = header(i);
                SplittableRandom r = new SplittableRandom(o.seed() * 31 + i * 7919L);
                double sevFactor = switch (h.sev) {
                    case 1 -> 6.0;
                    case 2 -> 2.5;
                    case 3 -> 0.8;
                    default -> 0.35;
                };
                w[i] = sevFactor * Math.exp(0.6 * gaussian(r)) * (h.type.equals("DRILL") ? 0.5 : 1);
                total += w[i];
            }
            long[] counts = new long[o.incidents() + 1];
            long assigned = 0;
            for (int i = 1; i <= o.incidents(); i++) {
                counts[i] = Math.max(1, (long) Math.floor(o.entries() * w[i] / total));
                assigned += counts[i];
            }
            // Hand out what rounding left (or take back what the floor of 1 added), one by one.
            int i = 1;
            while (assigned != o.entries()) {
                if (assigned < o.entries()) {
                    counts[i]++;
                    assigned++;
                } else if (counts[i] > 1) {
                    counts[i]--;
                    assigned--;
                }
                i = i % o.incidents() + 1;
            }
            return counts;
        }

        int onCall(int team, Instant at) {
            List<Integer> r = rotation.get(team);
            long weeks = Math.floorDiv(Duration.between(rotationStart, at).toDays(), 7);
            return r.get((int) Math.floorMod(weeks, r.size()));
        }

        int lead(int team) {
            return members.get(team).getFirst();
        }

        void loadStatic(Connection c, Counts counts) throws Exception {
            Instant created = start.minus(Duration.ofDays(30));
            Copy users = new Copy("users", "id, email, name, time_zone, role, active, created_at");
            users.row(1, BENCH_ADMIN_EMAIL, "Bench Admin", "UTC", "ADMIN", true, created);
            SplittableRandom r = new SplittableRandom(o.seed() + 1);
            for (int p = 2; p <= o.people() + 1; p++) {
                String name = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
                String role = p % 97 == 0 ? "ADMIN" : p % 13 == 0 ? "VIEWER" : "RESPONDER";
                users.row(p, "person" + p + "@cairn.bench", name, zoneOf[p], role, p % 41 != 0, created);
            }
            Copy tokens = new Copy("api_tokens", "id, user_id, name, token_hash, token_hint, scope, created_at");
            tokens.row(
                    1,
                    1,
                    "insights bench",
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(BENCH_TOKEN.getBytes(StandardCharsets.UTF_8))),
                    BENCH_TOKEN.substring(BENCH_TOKEN.length() - 4),
                    "WRITE",
                    created);
            Copy teamRows = new Copy("teams", "id, name, slug, description, created_at");
            Copy memberRows = new Copy("team_members", "team_id, user_id");
            for (int t = 1; t <= teams; t++) {
                String name = t == teams ? "Support" : TEAM_WORDS[(t - 1) % TEAM_WORDS.length] + " " + (1 + (t - 1) / TEAM_WORDS.length);
                teamRows.row(t, name, "team-" + t, "Synthetic team in " + zoneOfTeam[t], created);
            }
            for (int p = 2; p <= o.people() + 1; p++) {
                memberRows.row(teamOf[p], p);
                if (p % 10 == 0) {
                    int second = 1 + (teamOf[p] % teams);
                    memberRows.row(second, p);
                }
            }
            Copy serviceRows =
                    new Copy("services", "id, name, slug, description, owner_team_id, tier, created_at, updated_at");
            for (int s = 1; s <= services; s++) {
                String name = SERVICE_WORDS[(s - 1) % SERVICE_WORDS.length] + "-" + (1 + (s - 1) / SERVICE_WORDS.length);
                serviceRows.row(s, name, "svc-" + s, expertOf[s] != 0 ? "Few people know it well" : "", ownerOf[s],
                        1 + (s - 1) % 3, created, created);
            }
            Copy schedules = new Copy("schedules", "id, name, time_zone, team_id, layers, created_at, updated_at");
            Copy overrides = new Copy(
                    "schedule_overrides", "schedule_id, user_id, replaces_user_id, starts_at, ends_at, created_at");
            Copy policies = new Copy(
                    "escalation_policies", "id, name, description, team_id, repeat_count, created_at, updated_at");
            Copy steps = new Copy("escalation_steps", "id, policy_id, position, delay_minutes");
            Copy targets = new Copy("escalation_targets", "step_id, target_kind, target_id");
            Copy serviceEscalation = new Copy("service_escalation", "service_id, policy_id");
            for (int t = 1; t <= teams; t++) {
                String participants = rotation.get(t).stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
                schedules.row(t, "On call " + t, zoneOfTeam[t], t,
                        "[{\"name\":\"Weekly\",\"participants\":[" + participants + "],\"start\":\"" + rotationStart
                                + "\",\"handoff\":\"09:00:00\",\"rotation\":{\"unit\":\"WEEKS\",\"length\":1},\"restrictions\":[]}]",
                        created, created);
                for (int k = 0; k < 10; k++) {
                    Instant s = start.plus(Duration.ofDays(r.nextInt(365 * o.years())));
                    overrides.row(t, members.get(t).get(r.nextInt(members.get(t).size())), onCall(t, s), s,
                            s.plus(Duration.ofHours(12)), s.minus(Duration.ofDays(2)));
                }
                policies.row(t, "Policy " + t, "Page the on-call person, then the team lead", t, 1, created, created);
                steps.row(2 * t - 1, t, 1, 10);
                steps.row(2 * t, t, 2, 15);
                targets.row(2 * t - 1, "SCHEDULE", t);
                targets.row(2 * t, "USER", lead(t));
            }
            for (int s = 1; s <= services; s++) {
                serviceEscalation.row(s, ownerOf[s]);
            }
            for (Copy copy : List.of(users, tokens, teamRows, memberRows, serviceRows, schedules, overrides, policies,
                    steps, targets, serviceEscalation)) {
                copy.flush(c, counts);
            }
            counts.staticRows = counts.total();
            Statement st = c.createStatement();
            for (String table : List.of("teams", "services", "schedules", "escalation_policies", "escalation_steps")) {
                st.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from " + table + "))");
            }
        }

        // ---- incidents ----------------------------------------------------------------------------

        /** What is decided about an incident before its story: drawn first from its own stream. */
        record Header(int sev, String type, Instant detected, int service, int second, boolean paged) {}

        Header header(int i) {
            SplittableRandom r = new SplittableRandom(o.seed() * 1_000_003L + i);
            double u = r.nextDouble();
            int sev = u < 0.05 ? 1 : u < 0.20 ? 2 : u < 0.65 ? 3 : 4;
            double t = r.nextDouble();
            String type = t < 0.03 ? "DRILL" : t < 0.07 ? "PRIVATE" : "DEFAULT";
            int service = pickService(r.nextDouble());
            int second = r.nextDouble() < 0.25 ? pickService(r.nextDouble()) : 0;
            // More incidents as the fleet grows: density 1 + 0.6 f over the period.
            double f = (-1 + Math.sqrt(1 + 1.56 * r.nextDouble())) / 0.6;
            long day = (long) (f * 365 * o.years());
            ZoneId zone = ZoneId.of(zoneOfTeam[ownerOf[service]]);
            LocalDate date = LocalDate.ofInstant(start.plus(Duration.ofDays(day)), zone);
            boolean weekend = date.getDayOfWeek().getValue() >= 6;
            double h = r.nextDouble();
            LocalTime local;
            if (type.equals("DRILL")) {
                local = LocalTime.of(10 + r.nextInt(6), r.nextInt(60)); // game days happen in working hours
                if (weekend) {
                    date = date.plusDays(2);
                }
            } else if (h < (weekend ? 0.45 : 0.68)) {
                local = LocalTime.of(8 + r.nextInt(11), r.nextInt(60));
            } else if (h < (weekend ? 0.72 : 0.86)) {
                local = LocalTime.of(19 + r.nextInt(4), r.nextInt(60));
            } else {
                local = LocalTime.of((23 + r.nextInt(9)) % 24, r.nextInt(60)); // sleep hours
            }
            Instant detected = ZonedDateTime.of(date, local, zone).toInstant().plusSeconds(r.nextInt(60));
            boolean paged = !type.equals("DRILL") && r.nextDouble() < 0.75;
            return new Header(sev, type, detected, service, second == service ? 0 : second, paged);
        }

        int pickService(double u) {
            int lo = 1, hi = services;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (serviceCdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        void loadIncidents(Connection c, int first, int last, Counts counts) throws Exception {
            Copy incidents = new Copy(
                    "incidents",
                    "id, title, summary, severity, status, type, created_by, impact_started_at, detected_at, declared_at,"
                            + " acknowledged_at, mitigated_at, resolved_at, closed_at, updated_at");
            Copy incidentServices = new Copy("incident_services", "incident_id, service_id");
            Copy roles = new Copy("incident_roles", "incident_id, role, user_id, assigned_at");
            Copy participants =
                    new Copy("incident_participants", "incident_id, user_id, joined_at, left_at, reason, open_key");
            Copy pages = new Copy(
                    "pages",
                    "id, policy_id, policy_name, incident_id, title, status, version, next_step, next_loop, steps_fired,"
                            + " created_at, acknowledged_at, acknowledged_by, acknowledged_via, resolved_at, resolved_reason");
            Copy pageEvents = new Copy("page_events", "page_id, at, kind, user_id, detail");
            Copy timeline = new Copy(
                    "timeline_entries", "incident_id, kind, body, author_id, source, occurred_at, created_at, data");
            for (int i = first; i <= last; i++) {
                incident(i, incidents, incidentServices, roles, participants, pages, pageEvents, timeline);
                if (timeline.rows > 50_000) {
                    // parents first: the chunk's incidents so far, then what hangs under them
                    incidents.flush(c, counts);
                    timeline.flush(c, counts);
                }
            }
            for (Copy copy : List.of(incidents, incidentServices, roles, participants, pages, pageEvents, timeline)) {
                copy.flush(c, counts);
            }
        }

        private void incident(
                int i,
                Copy incidents,
                Copy incidentServices,
                Copy roles,
                Copy participants,
                Copy pages,
                Copy pageEvents,
                Copy timeline) {
            Header h = header(i);
            SplittableRandom r = new SplittableRandom(o.seed() * 7_000_003L + i * 104_729L);
            int team = ownerOf[h.service];
            List<Integer> teamMembers = members.get(team);
            boolean night = isNight(h.detected, zoneOfTeam[team]);
            double progress = (double) Duration.between(start, h.detected).toSeconds() / Duration.between(start, o.end()).toSeconds();

            // ---- key times
            Instant impact = h.detected.minusSeconds(r.nextInt(1200));
            long ackMinutes = (long) Math.max(1, Math.exp(1.2 + 0.8 * gaussian(r)) * (night ? 2.2 : 1));
            Instant acknowledged = h.paged ? h.detected.plus(Duration.ofMinutes(ackMinutes)) : null;
            Instant declared = h.paged ? acknowledged.plusSeconds(60 + r.nextInt(900)) : h.detected.plusSeconds(60 + r.nextInt(1800));
            double median = switch (h.sev) {
                case 1 -> 50;
                case 2 -> 80;
                case 3 -> 150;
                default -> 240;
            };
            Instant mitigated = declared.plus(Duration.ofMinutes((long) Math.max(3, median * Math.exp(0.7 * gaussian(r)))));
            Instant resolved = mitigated.plus(Duration.ofMinutes(10 + r.nextInt(h.sev <= 2 ? 240 : 600)));
            Instant closed = resolved.plus(Duration.ofDays(1 + r.nextInt(14)));
            Instant end = o.end();
            String status;
            if (!declared.isBefore(end)) {
                declared = end.minusSeconds(600 + r.nextInt(3600));
                mitigated = resolved = closed = null;
                status = "INVESTIGATING";
                if (acknowledged != null && acknowledged.isAfter(declared)) {
                    acknowledged = declared;
                }
                if (h.detected.isAfter(declared)) {
                    // keep detection before declaration when the story ran past the end
                    impact = declared.minusSeconds(1200);
                }
            } else if (mitigated.isAfter(end)) {
                mitigated = resolved = closed = null;
                status = r.nextBoolean() ? "INVESTIGATING" : "IDENTIFIED";
            } else if (resolved.isAfter(end)) {
                resolved = closed = null;
                status = "MONITORING";
            } else if (closed.isAfter(end)) {
                closed = null;
                status = "RESOLVED";
            } else {
                status = "CLOSED";
            }
            Instant detected = h.detected.isAfter(declared) ? declared : h.detected;
            if (impact.isAfter(detected)) {
                impact = detected;
            }
            Instant stop = resolved != null ? resolved : end;

            // ---- who
            int oncall = onCall(team, detected);
            int commander = h.sev <= 2 && r.nextDouble() < 0.5 ? teamMembers.get(r.nextInt(teamMembers.size())) : oncall;
            int declarer = h.paged ? oncall : teamMembers.get(r.nextInt(teamMembers.size()));
            Integer comms = h.sev <= 2 ? commsPool[r.nextInt(commsPool.length)] : null;
            Integer scribe = h.sev == 1 || (h.sev == 2 && r.nextDouble() < 0.3)
                    ? teamMembers.get(r.nextInt(teamMembers.size()))
                    : null;
            LinkedHashSet<Integer> experts = new LinkedHashSet<>();
            for (int s : new int[] {h.service, h.second}) {
                // The dominating expert is needed a little less as the years go by.
                if (s != 0 && expertOf[s] != 0 && r.nextDouble() < 0.9 - 0.35 * progress) {
                    experts.add(expertOf[s]);
                }
            }
            if (h.second != 0) {
                List<Integer> other = members.get(ownerOf[h.second]);
                experts.add(other.get(r.nextInt(other.size())));
            }
            LinkedHashSet<Integer> helpers = new LinkedHashSet<>();
            int nHelpers = r.nextInt(h.sev == 1 ? 8 : h.sev == 2 ? 5 : 3);
            for (int k = 0; k < nHelpers; k++) {
                List<Integer> from = r.nextDouble() < 0.75 ? teamMembers : members.get(1 + r.nextInt(teams));
                helpers.add(from.get(r.nextInt(from.size())));
            }
            LinkedHashSet<Integer> observers = new LinkedHashSet<>();
            int nObservers = r.nextInt(h.sev <= 2 ? 6 : 3);
            for (int k = 0; k < nObservers; k++) {
                observers.add(2 + r.nextInt(o.people()));
            }
            LinkedHashSet<Integer> cast = new LinkedHashSet<>();
            cast.add(declarer);
            cast.add(commander);
            if (comms != null) cast.add(comms);
            if (scribe != null) cast.add(scribe);
            cast.addAll(experts);
            cast.addAll(helpers);
            observers.removeAll(cast);

            String title = (h.type.equals("DRILL") ? "Game day: " : "") + SERVICE_WORDS[(h.service - 1) % SERVICE_WORDS.length]
                    + " " + pick(r, "errors", "latency", "outage", "timeouts", "degraded", "data delay") + " (#" + i + ")";
            incidents.row(i, title, "Synthetic incident " + i, "SEV" + h.sev, status, h.type, declarer, impact,
                    detected, declared, acknowledged, mitigated, resolved, closed, closed != null ? closed : stop);
            incidentServices.row(i, h.service);
            if (h.second != 0) {
                incidentServices.row(i, h.second);
            }

            // ---- timeline: system entries for every change, then messages up to the incident's count
            List<Object[]> entries = new ArrayList<>();
            entries.add(entry(i, "declared", "Declared SEV" + h.sev + " " + h.type.toLowerCase() + " incident: " + title,
                    declarer, "web", declared, "{\"severity\":\"SEV" + h.sev + "\",\"type\":\"" + h.type.toLowerCase() + "\"}"));
            Map<Integer, Instant> joined = new LinkedHashMap<>();
            joined.put(declarer, declared);
            if (h.paged && oncall != declarer) {
                joined.put(oncall, declared);
            }
            for (int p : cast) {
                joined.putIfAbsent(p, minInstant(stop, declared.plusSeconds(r.nextInt(Math.max(60, (int) Duration.between(declared, stop).toSeconds() / 3)))));
            }
            for (int p : observers) {
                joined.putIfAbsent(p, minInstant(stop, declared.plusSeconds(r.nextInt(Math.max(60, (int) Duration.between(declared, stop).toSeconds())))));
            }
            for (Map.Entry<Integer, Instant> j : joined.entrySet()) {
                int p = j.getKey();
                String reason = p == declarer ? "declared" : p == oncall && h.paged ? "paged" : observers.contains(p) ? "joined" : "added";
                Instant left = resolved == null ? null : observers.contains(p) && r.nextBoolean()
                        ? minInstant(resolved, j.getValue().plusSeconds(60 + r.nextInt(3600)))
                        : resolved.plusSeconds(r.nextInt(1800));
                participants.row(i, p, j.getValue(), left, reason, left == null ? i + ":" + p : null);
                entries.add(entry(i, "participant_joined", "Joined: person " + p, p, "system", j.getValue(),
                        "{\"userId\":\"" + p + "\",\"reason\":\"" + reason + "\"}"));
                if (left != null && left.isBefore(end)) {
                    entries.add(entry(i, "participant_left", "Left: person " + p, p, "system", left,
                            "{\"userId\":\"" + p + "\"}"));
                }
            }
            role(i, "COMMANDER", commander, joined.get(commander), roles, entries);
            if (comms != null) role(i, "COMMUNICATIONS_LEAD", comms, joined.get(comms), roles, entries);
            if (scribe != null) role(i, "SCRIBE", scribe, joined.get(scribe), roles, entries);
            for (int e : experts) role(i, "SUBJECT_MATTER_EXPERT", e, joined.get(e), roles, entries);
            String from = "investigating";
            for (Object[] step : new Object[][] {{"identified", mitigated == null ? null : declared.plus(Duration.between(declared, mitigated).dividedBy(2))},
                    {"monitoring", mitigated}, {"resolved", resolved}, {"closed", closed}}) {
                if (step[1] != null) {
                    entries.add(entry(i, "status", "Status changed to " + step[0] + " (was " + from + ")", commander, "web",
                            (Instant) step[1], "{\"from\":\"" + from + "\",\"to\":\"" + step[0] + "\"}"));
                    from = (String) step[0];
                }
            }
            // Talk: the commander and experts talk most, helpers less, observers never.
            List<Integer> talkers = new ArrayList<>();
            List<Double> share = new ArrayList<>();
            for (int p : cast) {
                talkers.add(p);
                share.add(p == commander ? 4.0 : experts.contains(p) ? 3.0 : p == oncall ? 2.5 : Integer.valueOf(p).equals(scribe) ? 2.0 : 1.0);
            }
            double shareSum = share.stream().mapToDouble(Double::doubleValue).sum();
            long target = entryCounts[i];
            long messages = Math.max(0, target - entries.size());
            while (entries.size() > target) {
                entries.removeLast();
            }
            long span = Math.max(60, Duration.between(declared, stop).toSeconds());
            for (long m = 0; m < messages; m++) {
                double pickShare = r.nextDouble() * shareSum;
                int author = talkers.getLast();
                for (int k = 0; k < talkers.size(); k++) {
                    pickShare -= share.get(k);
                    if (pickShare <= 0) {
                        author = talkers.get(k);
                        break;
                    }
                }
                Instant at = joined.get(author).plusSeconds(r.nextLong(Math.max(1, span - Duration.between(declared, joined.get(author)).toSeconds())));
                if (at.isAfter(end)) {
                    at = end.minusSeconds(1 + r.nextInt(60));
                }
                String kind = r.nextDouble() < 0.9 ? "message" : r.nextBoolean() ? "note" : "update";
                entries.add(entry(i, kind, sentence(r), author, r.nextDouble() < 0.6 ? "slack" : "web", at, null));
            }
            for (Object[] e : entries) {
                timeline.row(e);
            }

            // ---- pages: the one that started it, and pages that never became an incident
            if (h.paged) {
                page(i, team, title, i, detected, acknowledged, resolved, oncall, r, pages, pageEvents);
            }
            int noise = r.nextInt(3);
            for (int k = 0; k < noise; k++) {
                Instant at = detected.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 10)));
                Instant ack = at.plus(Duration.ofMinutes((long) Math.max(1, Math.exp(1.0 + 0.8 * gaussian(r)))));
                long id = o.incidents() + 3L * (i - 1) + k + 1;
                page(id, team, "Alert: " + SERVICE_WORDS[(h.service - 1) % SERVICE_WORDS.length] + " check failing", null,
                        at, ack, ack.plus(Duration.ofMinutes(5 + r.nextInt(60))), onCall(team, at), r, pages, pageEvents);
            }
        }

        private void page(long id, int team, String title, Integer incident, Instant at, Instant ack, Instant resolved,
                int oncall, SplittableRandom r, Copy pages, Copy pageEvents) {
            boolean escalated = Duration.between(at, ack).toMinutes() >= 10;
            int acker = escalated && r.nextBoolean() ? lead(team) : oncall;
            Instant end = o.end();
            Instant resolvedAt = resolved != null && resolved.isBefore(end) ? resolved : null;
            pages.row(id, team, "Policy " + team, incident, title, resolvedAt != null ? "RESOLVED" : "ACKNOWLEDGED",
                    resolvedAt != null ? 3 : 2, escalated ? 2 : 1, 0, escalated ? 2 : 1, at, ack, acker,
                    r.nextBoolean() ? "web" : "email link", resolvedAt, resolvedAt != null ? "alert resolved" : null);
            pageEvents.row(id, at, "opened", null, "Policy " + team);
            pageEvents.row(id, at, "step", null, "Step 1");
            pageEvents.row(id, at, "notified", oncall, "email");
            if (escalated) {
                Instant step2 = at.plus(Duration.ofMinutes(10));
                pageEvents.row(id, step2, "step", null, "Step 2");
                pageEvents.row(id, step2, "notified", lead(team), "email");
            }
            pageEvents.row(id, ack, "acknowledged", acker, "Acknowledged");
            if (resolvedAt != null) {
                pageEvents.row(id, resolvedAt, "resolved", null, "alert resolved");
            }
        }

        private static void role(int i, String role, int user, Instant at, Copy roles, List<Object[]> entries) {
            roles.row(i, role, user, at);
            entries.add(entry(i, "role_assigned", role.toLowerCase() + ": person " + user, user, "web", at,
                    "{\"role\":\"" + role.toLowerCase() + "\",\"userId\":\"" + user + "\"}"));
        }

        private static Object[] entry(int i, String kind, String body, Integer author, String source, Instant at, String data) {
            return new Object[] {i, kind, body, author, source, at, at, data};
        }

        private static boolean isNight(Instant at, String zone) {
            int hour = at.atZone(ZoneId.of(zone)).getHour();
            return hour >= 23 || hour < 8;
        }
    }

    static Instant minInstant(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }

    static String sentence(SplittableRandom r) {
        int words = 4 + r.nextInt(20);
        StringBuilder s = new StringBuilder(words * 7);
        int at = r.nextInt(WORDS.length);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                s.append(' ');
            }
            s.append(WORDS[(at + w) % WORDS.length]);
        }
        return s.toString();
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian that is stable across JDKs.
        double u1 = Math.max(1e-12, r.nextDouble());
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

}
