package dev.cairn.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.support.Browsers;
import dev.cairn.support.IntegrationTest;
import dev.cairn.timeline.EntrySource;
import dev.cairn.timeline.ImportedEntry;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A room with a long transcript in a real Chromium: it opens with the newest 200 entries, "show
 * earlier" brings the chunks before them in place without moving what the reader looks at, entries
 * posted meanwhile arrive live and nothing shows twice, a star on an old entry keeps the loaded
 * chunks, and a link to an old entry lands on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongRoomJourneyTest extends IntegrationTest {

    private static final LocatorAssertions.HasCountOptions SOON =
            new LocatorAssertions.HasCountOptions().setTimeout(5000);

    @Autowired
    Timeline timeline;

    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void launch() {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void showEarlierKeepsThePlaceAndLinksReachOldEntries() {
        Person ada = person(Role.RESPONDER);
        Actor actor = new Actor(ada.id(), ada.email(), "Ada", Role.RESPONDER, null);
        long incident = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Long night\",\"severity\":\"SEV1\"}")
                .json()
                .get("id")
                .asLong();
        Instant start = clock.instant().minusSeconds(10_000);
        timeline.importEntries(
                incident,
                EntrySource.CHAT_LOG,
                IntStream.rangeClosed(1, 450)
                        .mapToObj(i -> new ImportedEntry(
                                "k" + i, null, "Grace", "message", "line %03d".formatted(i), start.plusSeconds(i * 10)))
                        .toList(),
                actor);
        List<TimelineEntry> all = timeline.chronological(incident, actor);

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = signIn(context, ada);
            page.navigate(base() + "/incidents/" + incident);
            assertThat(page.locator("#live-label"))
                    .hasText("live", new LocatorAssertions.HasTextOptions().setTimeout(5000));
            Locator entries = page.locator("#timeline > li");
            assertThat(entries).hasCount(200);
            assertThat(page.getByTestId("show-earlier"))
                    .hasText("Show earlier entries (" + (all.size() - 200) + " more)");

            // Someone posts while the reader goes back: it arrives live, at the bottom.
            ada.api().post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"posted meanwhile\"}");
            assertThat(entries).hasCount(201, SOON);

            Locator firstShown =
                    page.locator("#entry-" + all.get(all.size() - 200).id());
            // Measured once nothing is loading: a live push or a resync may be swapping the list.
            settled(page);
            firstShown.waitFor();
            double before = firstShown.boundingBox().y;
            page.getByTestId("show-earlier").click();
            assertThat(entries).hasCount(401, SOON);
            settled(page);
            firstShown.waitFor();
            assertThat(firstShown.boundingBox().y).isCloseTo(before, org.assertj.core.data.Offset.offset(2.0));
            assertThat(page.getByTestId("show-earlier"))
                    .hasText("Show earlier entries (" + (all.size() - 400) + " more)");

            settled(page);
            page.getByTestId("show-earlier").click();
            assertThat(entries).hasCount(all.size() + 1, SOON);
            assertThat(page.getByTestId("show-earlier")).hasCount(0);
            List<String> ids = ids(page);
            assertThat(ids.subList(0, all.size()))
                    .containsExactlyElementsOf(
                            all.stream().map(e -> "entry-" + e.id()).toList());
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(page.locator("#timeline > li").last()).containsText("posted meanwhile");

            // A star on an old entry reloads the timeline: the loaded chunks stay.
            TimelineEntry old = all.get(5);
            page.locator("#entry-" + old.id()).hover();
            page.locator("#entry-" + old.id() + " button[title='Star as a key moment']")
                    .click();
            assertThat(page.locator("#entry-" + old.id() + ".entry-starred")).hasCount(1, SOON);
            assertThat(entries).hasCount(all.size() + 1);

            // A link to that old entry (as Slack or a review has it) lands on it.
            Page linked = context.newPage();
            linked.navigate(base() + "/incidents/" + incident + "#entry-" + old.id());
            linked.waitForURL(url -> url.contains("around=" + old.id()));
            assertThat(linked.locator("#entry-" + old.id())).isInViewport();
            assertThat(linked.locator("#entry-" + old.id())).containsText("line 006");
            // It shows that part of the timeline; the newest entries are further on.
            Locator shown = linked.locator("#timeline > li");
            assertThat(shown).hasCount(205);
            assertThat(linked.getByTestId("jump-newest")).isVisible();
            assertThat(linked.locator("#live-label"))
                    .hasText("live", new LocatorAssertions.HasTextOptions().setTimeout(5000));
            ada.api().post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"posted while reading back\"}");
            settledLater(linked);
            linked.getByTestId("show-later").click();
            assertThat(shown).hasCount(405, SOON);
            settledLater(linked);
            linked.getByTestId("show-later").click();
            assertThat(linked.getByTestId("show-later")).hasCount(0, SOON);
            assertThat(linked.locator("#timeline > li:has-text('posted while reading back')"))
                    .hasCount(1, SOON);
            assertThat(shown).hasCount(all.size() + 2, SOON);
            assertThat(ids(linked)).doesNotHaveDuplicates();
        }
    }

    /** No request of htmx under way and the control wired up (a click on it loads in place). */
    private static void settled(Page page) {
        page.waitForFunction("() => !document.querySelector('.htmx-request')"
                + " && document.querySelector('[data-testid=show-earlier]')['htmx-internal-data']");
    }

    private static void settledLater(Page page) {
        page.waitForFunction("() => !document.querySelector('.htmx-request')"
                + " && document.querySelector('[data-testid=show-later]')['htmx-internal-data']");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Page page) {
        return (List<String>)
                page.evaluate("() => Array.from(document.querySelectorAll('#timeline > li')).map(li => li.id)");
    }

    private Page signIn(BrowserContext context, Person person) {
        Page page = context.newPage();
        page.navigate(base() + "/login");
        page.locator("#email").fill(person.email());
        page.locator("#password").fill(person.password());
        page.locator("button[type=submit]").click();
        assertThat(page).hasURL(base() + "/incidents");
        return page;
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
