import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Slack-export import rate: a synthetic workspace export (one channel of N messages in daily files of
 * 2,000, with mentions, links, threads, edits, bots and files) imported through
 * {@code POST /api/v1/incidents/{id}/imports}, in messages per second into the database. Yardstick
 * in the same run: a bare Jackson streaming parse of the same ZIP (every token of every daily file),
 * in messages per second; the ratio is what the import costs beyond reading. With {@code --pid}, the
 * server's RSS (VmRSS, and the peak VmHWM) and heap used (jcmd GC.heap_info) before, during (sampled
 * every 200 ms, the maximum) and after the import.
 *
 * <p>Run (Jackson 3 core on the class path):
 * {@code java -cp ~/.m2/repository/tools/jackson/core/jackson-core/3.1.4/jackson-core-3.1.4.jar
 * bench/load/SlackImportBench.java --base http://127.0.0.1:8096 --token T --pid PID --messages 100000}.
 * A million messages: {@code --messages 1000000} (about 90 MB of ZIP, several minutes).
 */
public class SlackImportBench {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final int PER_DAY = 2000;
    static final int USERS = 40;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = opt.getOrDefault("base", "http://127.0.0.1:8096");
        if (!URI.create(base).getHost().matches("localhost|127\\.0\\.0\\.1")) {
            throw new IllegalArgumentException("localhost targets only");
        }
        String token = opt.get("token");
        int messages = Integer.parseInt(opt.getOrDefault("messages", "100000"));
        String pid = opt.get("pid");
        String jcmd = opt.getOrDefault("jcmd", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd");

        Path zip = Files.createTempFile("slack-bench-", ".zip");
        long g0 = System.nanoTime();
        generate(zip, messages);
        System.out.printf("export: %,d messages, %,d bytes, generated in %.1f s%n",
                messages, Files.size(zip), (System.nanoTime() - g0) / 1e9);

        // Yardstick: a bare streaming parse of the same files, best of three (warm).
        double bare = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            long parsed = bareParse(zip);
            double rate = parsed / ((System.nanoTime() - t0) / 1e9);
            bare = Math.max(bare, rate);
            if (parsed != messages) {
                throw new IllegalStateException("parsed " + parsed + " of " + messages);
            }
        }
        System.out.printf("bare Jackson streaming parse: %,.0f msgs/s%n", bare);

        String incident = post(base, token, "/api/v1/incidents",
                "{\"title\":\"Slack import bench " + UUID.randomUUID().toString().substring(0, 8) + "\",\"severity\":\"SEV4\"}");
        String id = field(incident, "id");
        Memory before = pid == null ? null : memory(pid, jcmd);
        AtomicLong maxRss = new AtomicLong();
        AtomicLong maxHeap = new AtomicLong();
        Thread sampler = null;
        if (pid != null) {
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Memory m = memory(pid, jcmd);
                    maxRss.accumulateAndGet(m.rssKb, Math::max);
                    maxHeap.accumulateAndGet(m.heapKb, Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = upload(base, token, id, zip);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        long imported = Long.parseLong(field(r.body(), "imported"));
        double rate = imported / seconds;
        System.out.printf("import via the API: %,d imported in %.1f s = %,.0f msgs/s (upload included)%n",
                imported, seconds, rate);
        System.out.printf("ratio import / bare parse: %.3f (1 in %.0f)%n", rate / bare, bare / rate);
        if (pid != null) {
            Memory after = memory(pid, jcmd);
            System.out.printf("server RSS: before %,d KB, max during %,d KB, after %,d KB, peak (VmHWM) %,d KB%n",
                    before.rssKb, maxRss.get(), after.rssKb, after.hwmKb);
            System.out.printf("server heap used: before %,d KB, max sampled during %,d KB, after %,d KB%n",
                    before.heapKb, maxHeap.get(), after.heapKb);
        }
        long t1 = System.nanoTime();
        HttpResponse<String> again = upload(base, token, id, zip);
        System.out.printf("re-import (all skipped): %s in %.1f s%n",
                field(again.body(), "skipped") + " skipped", (System.nanoTime() - t1) / 1e9);
        Files.deleteIfExists(zip);
    }

    static void generate(Path zip, int messages) throws IOException {
        Random random = new Random(42);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            out.putNextEntry(new ZipEntry("users.json"));
            w.write("[");
            for (int u = 0; u < USERS; u++) {
                w.write((u == 0 ? "" : ",") + "\n{\"id\":\"U" + u + "\",\"name\":\"user" + u + "\",\"real_name\":\"User "
                        + u + "\",\"profile\":{\"real_name\":\"User " + u + "\",\"email\":\"user" + u
                        + "@bench.example\"}}");
            }
            w.write("\n]\n");
            w.flush();
            out.putNextEntry(new ZipEntry("channels.json"));
            w.write("[{\"id\":\"C1\",\"name\":\"bench\"},{\"id\":\"C2\",\"name\":\"general\"}]\n");
            w.flush();
            LocalDate day = LocalDate.of(2024, 1, 1);
            long second = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            for (int m = 0; m < messages; m++) {
                if (m % PER_DAY == 0) {
                    if (m > 0) {
                        w.write("\n]\n");
                        w.flush();
                    }
                    out.putNextEntry(new ZipEntry("bench/" + day.plusDays(m / PER_DAY) + ".json"));
                    w.write("[");
                    second = day.plusDays(m / PER_DAY).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                }
                second += 1 + random.nextInt(40);
                String ts = second + "." + String.format("%06d", m % 1_000_000);
                int user = random.nextInt(USERS);
                StringBuilder msg = new StringBuilder();
                msg.append(m % PER_DAY == 0 ? "\n" : ",\n").append("    {\n        \"type\": \"message\",\n");
                int shape = random.nextInt(20);
                if (shape == 0) {
                    msg.append("        \"subtype\": \"bot_message\",\n        \"username\": \"PagerBot\",\n        \"bot_id\": \"B1\",\n");
                } else {
                    msg.append("        \"user\": \"U").append(user).append("\",\n");
                }
                msg.append("        \"text\": \"<@U").append(random.nextInt(USERS))
                        .append("> message ").append(m)
                        .append(" see <https://grafana.example/d/").append(m % 97)
                        .append("|the dashboard> in <#C2|general> and `kubectl get pods` &amp; logs\",\n");
                if (shape == 1) {
                    msg.append("        \"edited\": {\"user\": \"U").append(user).append("\", \"ts\": \"").append(ts).append("\"},\n");
                }
                if (shape == 2) {
                    msg.append("        \"files\": [{\"id\": \"F").append(m).append("\", \"name\": \"dump.txt\", \"permalink\": \"https://acme.slack.com/files/F")
                            .append(m).append("\"}],\n");
                }
                if (shape == 3 && m % PER_DAY > 0) {
                    msg.append("        \"thread_ts\": \"").append(second - 1).append(".000000\",\n");
                }
                msg.append("        \"ts\": \"").append(ts).append("\"\n    }");
                w.write(msg.toString());
            }
            w.write("\n]\n");
            w.flush();
            out.closeEntry();
        }
    }

    static long bareParse(Path zip) throws IOException {
        JsonFactory factory = new JsonFactory();
        long count = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<ZipEntry> days = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("bench/")) {
                    days.add(entry);
                }
            }
            for (ZipEntry day : days) {
                try (InputStream in = file.getInputStream(day);
                        JsonParser p = factory.createParser(ObjectReadContext.empty(), in)) {
                    int depth = 0;
                    JsonToken t;
                    while ((t = p.nextToken()) != null) {
                        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                            if (t == JsonToken.START_OBJECT && depth == 1) {
                                count++;
                            }
                            depth++;
                        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                            depth--;
                        } else if (t == JsonToken.VALUE_STRING) {
                            p.getString();
                        }
                    }
                }
            }
        }
        return count;
    }

    static HttpResponse<String> upload(String base, String token, String incident, Path zip) throws Exception {
        String boundary = "----bench" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nslack-export\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"channel\"\r\n\r\nbench\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents/" + incident + "/imports"))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(zip),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String post(String base, String token, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^,\"}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    record Memory(long rssKb, long hwmKb, long heapKb) {}

    static Memory memory(String pid, String jcmd) {
        long rss = 0, hwm = 0, heap = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
                if (line.startsWith("VmHWM:")) hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
            Process p = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("heap .*?used (\\d+)K").matcher(out);
            if (m.find()) heap = Long.parseLong(m.group(1));
        } catch (IOException e) {
            // leave zeros: memory is optional
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the sampler stops
        }
        return new Memory(rss, hwm, heap);
    }
}
