import com.microsoft.playwright.APIRequest;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.WaitUntilState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Review workspace page load with a long transcript. Creates two resolved incidents through the API,
 * one with a 20,000-entry transcript (imported as a chat log) and one with 200 entries, highlights a
 * few entries in each, then for each incident's review workspace and, for comparison in the same
 * run, its incident room: the server's time to the full first response (the browser context's
 * request client, signed in, over 127.0.0.1) and, in headless Chromium, navigation timing: first
 * byte, DOM interactive, DOMContentLoaded and load end, and "interactive" (the transcript's first
 * checkbox, or the room's composer, can be clicked) — medians of --runs after two warm-ups.
 *
 * <p>Run against a started Cairn (an admin's API token and password):
 * {@code java -cp "$(cat bench/results/classpath.txt)" bench/load/ReviewWorkspaceBench.java --base
 * http://127.0.0.1:8092 --token T --email admin@… --password P [--entries 20000 --small 200 --runs 7]
 * [--reuse BIG,SMALL]}
 * where classpath.txt is {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=bench/results/classpath.txt}.
 */
public class ReviewWorkspaceBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = opt.getOrDefault("base", "http://127.0.0.1:8092");
        String token = opt.get("token");
        int big = Integer.parseInt(opt.getOrDefault("entries", "20000"));
        int small = Integer.parseInt(opt.getOrDefault("small", "200"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "7"));
        String chromium = System.getenv().getOrDefault("CAIRN_CHROMIUM", "/usr/bin/chromium");

        try (Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            APIRequestContext api = playwright.request().newContext(new APIRequest.NewContextOptions()
                    .setBaseURL(base)
                    .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + token)));
            long bigId;
            long smallId;
            if (opt.containsKey("reuse")) {
                // --reuse BIG,SMALL: the incidents of an earlier run (statistics settled, caches warm).
                String[] ids = opt.get("reuse").split(",");
                bigId = Long.parseLong(ids[0]);
                smallId = Long.parseLong(ids[1]);
                System.out.printf("reusing INC-%d (%,d entries) and INC-%d (%,d entries)%n", bigId, big, smallId, small);
            } else {
                long t0 = System.nanoTime();
                bigId = incident(api, "Review bench: " + big + " entries", big);
                System.out.printf("created INC-%d with %,d imported entries in %.1f s%n", bigId, big,
                        (System.nanoTime() - t0) / 1e9);
                smallId = incident(api, "Review bench: " + small + " entries", small);
                System.out.printf("created INC-%d with %,d imported entries%n", smallId, small);
            }

            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(chromium))
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
            BrowserContext context = browser.newContext();
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.locator("#email").fill(opt.get("email"));
            page.locator("#password").fill(opt.get("password"));
            page.locator("button[type=submit]").click();
            page.waitForURL(base + "/incidents");

            System.out.printf("%nmedians of %d runs after 2 warm-ups (ms); size = HTML bytes of the first response%n", runs);
            System.out.printf("%-34s %9s %9s %8s %10s %8s %8s %12s%n",
                    "page", "server", "size", "TTFB", "DOM inter.", "DCL", "load", "interactive");
            for (long id : List.of(bigId, smallId)) {
                int entries = id == bigId ? big : small;
                measure(context, page, base, "/incidents/" + id + "/review",
                        "workspace, " + String.format("%,d", entries) + " entries",
                        "input[name=entryIds]", runs);
                measure(context, page, base, "/incidents/" + id,
                        "room, " + String.format("%,d", entries) + " entries",
                        "textarea", runs);
            }
            browser.close();
        }
    }

    static long incident(APIRequestContext api, String title, int entries) throws Exception {
        APIResponse created = api.post("/api/v1/incidents", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData("{\"title\":\"" + title + "\",\"severity\":\"SEV2\",\"type\":\"default\"}"));
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.text());
        if (!m.find()) {
            throw new IllegalStateException("declare: " + created.status() + " " + created.text());
        }
        long id = Long.parseLong(m.group(1));
        StringBuilder csv = new StringBuilder("time,author,text\n");
        Instant start = Instant.now().minusSeconds(6 * 3600);
        String[] people = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov", "Ken Thompson"};
        for (int i = 0; i < entries; i++) {
            csv.append(start.plusMillis(i * (5L * 3600 * 1000 / entries)))
                    .append(',')
                    .append(people[i % people.length])
                    .append(",\"Line ")
                    .append(i)
                    .append(": checked the ")
                    .append(i % 3 == 0 ? "queue depth" : i % 3 == 1 ? "error rate on the API" : "replica lag")
                    .append(" and it looks ")
                    .append(i % 7 == 0 ? "worse" : "about the same")
                    .append("\"\n");
        }
        APIResponse imported = api.post("/api/v1/incidents/" + id + "/imports", RequestOptions.create()
                .setMultipart(FormData.create()
                        .set("kind", "chat-log")
                        .set("file", new FilePayload("log.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))));
        if (imported.status() != 200 && imported.status() != 201) {
            throw new IllegalStateException("import: " + imported.status() + " " + imported.text());
        }
        api.patch("/api/v1/incidents/" + id, RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData("{\"status\":\"resolved\"}"));
        // A few highlights spread over the transcript, as a reviewer would have.
        APIResponse timeline = api.get("/api/v1/incidents/" + id + "/timeline?limit=200");
        Matcher ids = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(timeline.text());
        List<String> some = new ArrayList<>();
        while (ids.find() && some.size() < 12) {
            some.add(ids.group(1));
        }
        APIResponse marked = api.post("/api/v1/incidents/" + id + "/review/highlights", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData("{\"entryIds\":[" + String.join(",", some) + "],\"phases\":[\"diagnosis\"]}"));
        if (marked.status() != 200) {
            throw new IllegalStateException("highlights: " + marked.status() + " " + marked.text());
        }
        return id;
    }

    static void measure(BrowserContext context, Page page, String base, String path, String label,
            String interactiveSelector, int runs) {
        List<Double> server = new ArrayList<>();
        List<Double> ttfb = new ArrayList<>();
        List<Double> domInteractive = new ArrayList<>();
        List<Double> dcl = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> interactive = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < runs + 2; i++) {
            long s = System.nanoTime();
            APIResponse response = context.request().get(base + path);
            byte[] body = response.body();
            double serverMs = (System.nanoTime() - s) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException(path + ": " + response.status());
            }
            size = body.length;

            long n = System.nanoTime();
            page.navigate(base + path, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.locator(interactiveSelector).first().waitFor();
            page.locator(interactiveSelector).first().click(new com.microsoft.playwright.Locator.ClickOptions().setTrial(true));
            double interactiveMs = (System.nanoTime() - n) / 1e6;
            page.waitForLoadState();
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) page.evaluate(
                    "() => { const n = performance.getEntriesByType('navigation')[0];"
                            + " return {ttfb: n.responseStart, di: n.domInteractive, dcl: n.domContentLoadedEventEnd,"
                            + " load: n.loadEventEnd}; }");
            if (i < 2) {
                continue;
            }
            server.add(serverMs);
            ttfb.add(num(t.get("ttfb")));
            domInteractive.add(num(t.get("di")));
            dcl.add(num(t.get("dcl")));
            load.add(num(t.get("load")));
            interactive.add(interactiveMs);
        }
        System.out.printf("%-34s %9.0f %9s %8.0f %10.0f %8.0f %8.0f %12.0f%n", label, median(server),
                String.format("%,d", size), median(ttfb), median(domInteractive), median(dcl), median(load),
                median(interactive));
    }

    static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
