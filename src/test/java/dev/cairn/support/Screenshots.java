package dev.cairn.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs in and screenshots pages at laptop and phone sizes, for looking at what we build and for
 * the README. {@code java -cp ... dev.cairn.support.Screenshots http://localhost:8080 email password
 * out-dir /incidents /incidents/1 ...}
 */
public final class Screenshots {

    private Screenshots() {}

    public static void main(String[] args) {
        String base = args[0];
        Path out = Path.of(args[3]);
        List<String> paths = List.of(args).subList(4, args.length);
        try (Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.chromium(playwright);
            shoot(browser, base, args[1], args[2], out, paths, 1280, 900, "");
            shoot(browser, base, args[1], args[2], out, paths, 390, 844, "-phone");
        }
    }

    private static void shoot(
            Browser browser,
            String base,
            String email,
            String password,
            Path out,
            List<String> paths,
            int w,
            int h,
            String suffix) {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(w, h))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.locator("#email").fill(email);
            page.locator("#password").fill(password);
            page.locator("button[type=submit]").click();
            page.waitForLoadState();
            for (String path : paths) {
                page.navigate(base + path);
                page.waitForTimeout(700);
                String name = path.replaceAll("[^a-zA-Z0-9]+", "_").replaceAll("^_|_$", "");
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(out.resolve((name.isEmpty() ? "root" : name) + suffix + ".png"))
                        .setFullPage(!"false".equals(System.getenv("SHOT_FULL_PAGE"))));
            }
        }
    }
}
