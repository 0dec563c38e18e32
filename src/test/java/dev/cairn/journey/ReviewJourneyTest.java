package dev.cairn.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.cairn.identity.Role;
import dev.cairn.support.Browsers;
import dev.cairn.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A review as a reviewer and a reader live it, in a real Chromium: open a resolved incident's
 * review, highlight three moments, tag phases, start the story from them, publish, then read it
 * as someone else and see the read count change; in between, decide two action items (one to do, one
 * not, with its reason).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewJourneyTest extends IntegrationTest {

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
    void highlightTagNarratePublishAndSeeItRead() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.VIEWER);
        long id = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Search results empty\",\"severity\":\"SEV2\"}")
                .json()
                .get("id")
                .asLong();
        for (String line : new String[] {
            "Customers report empty search results", "Index alias points at the empty index",
            "Switching the alias back", "Results are back"
        }) {
            ada.api().post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"" + line + "\"}");
        }
        ada.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");

        try (BrowserContext adaContext = browser.newContext();
                BrowserContext bobContext = browser.newContext()) {
            Page page = signIn(adaContext, ada);
            page.navigate(base() + "/incidents/" + id);
            page.getByTestId("review-link").click();
            assertThat(page.getByTestId("review-state")).hasText("Draft");
            assertThat(page.getByTestId("review-depth")).hasText("Full review with interviews and survey");

            for (String line : new String[] {
                "Customers report empty search results", "Index alias points at the empty index", "Results are back"
            }) {
                page.locator("li[data-testid=review-entry]:has-text('" + line + "') input[type=checkbox]")
                        .check();
            }
            page.getByTestId("mark-key").click();
            assertThat(page.getByTestId("highlight-count")).hasText("3");
            assertThat(page.locator("li[data-testid=review-entry] [data-testid=key-moment]"))
                    .hasCount(3);

            page.locator("li[data-testid=review-entry]:has-text('Customers report') input[type=checkbox]")
                    .uncheck();
            page.locator("li[data-testid=review-entry]:has-text('Results are back') input[type=checkbox]")
                    .uncheck();
            page.getByTestId("phase-diagnosis").check();
            page.getByTestId("phase-repair").check();
            page.getByTestId("mark-phases").click();
            assertThat(page.locator(
                            "li[data-testid=review-entry]:has-text('Index alias points') [data-testid=entry-phase]"))
                    .hasText(new String[] {"diagnosis", "repair"});
            page.locator("li[data-testid=review-entry]:has-text('Index alias points') input[type=checkbox]")
                    .uncheck();
            page.locator("li[data-testid=review-entry]:has-text('Customers report') input[type=checkbox]")
                    .check();
            page.getByTestId("phase-diagnosis").uncheck();
            page.getByTestId("phase-repair").uncheck();
            page.getByTestId("phase-detection").check();
            page.getByTestId("mark-phases").click();
            assertThat(page.locator(
                            "li[data-testid=review-entry]:has-text('Customers report') [data-testid=entry-phase]"))
                    .hasText("detection");

            page.getByTestId("build-story").click();
            assertThat(page.getByTestId("part-narrative"))
                    .hasValue(java.util.regex.Pattern.compile(
                            ".*Customers report empty search results.*Index alias points.*Results are back.*",
                            java.util.regex.Pattern.DOTALL));
            page.locator("#part-learned").fill("An alias switch is a deploy: it needs the same checks.");
            page.getByTestId("save-sections").click();
            assertThat(page.locator("#part-learned"))
                    .hasValue("An alias switch is a deploy: it needs the same checks.");
            // Two proposed actions, each decided explicitly and apart from the story.
            String due = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                    .plusDays(14)
                    .toString();
            for (String title : new String[] {"Check the alias before switching it", "Rewrite the indexer in Rust"}) {
                page.locator("#action-title").fill(title);
                page.locator("[data-testid=action-propose] button[type=submit]").click();
                assertThat(page.locator("[data-testid=action-items] li:has-text('" + title + "')"))
                        .hasCount(1);
            }
            assertThat(page.getByTestId("action-progress")).hasText("0 of 2 decided · 0 of 0 done");
            var alias = page.locator("[data-testid=action-items] li:has-text('Check the alias')");
            alias.locator("select[name=ownerId]").selectOption(String.valueOf(ada.id()));
            alias.locator("input[name=dueOn]").fill(due);
            alias.locator("button[value=do]").click();
            assertThat(page.locator(
                            "[data-testid=action-items] li:has-text('Check the alias') [data-testid=action-decision]"))
                    .hasText("do");
            var rewrite = page.locator("[data-testid=action-items] li:has-text('Rewrite the indexer')");
            rewrite.locator("button[value=wont_do]").click();
            assertThat(page.locator("[data-testid=action-error]")).containsText("reason");
            rewrite = page.locator("[data-testid=action-items] li:has-text('Rewrite the indexer')");
            rewrite.locator("input[name=reason]").fill("Costs months; the alias check removes the risk");
            rewrite.locator("button[value=wont_do]").click();
            assertThat(page.getByTestId("action-progress")).hasText("2 of 2 decided · 0 of 1 done");
            assertThat(page.locator("[data-testid=action-items] li:has-text('Rewrite the indexer')"))
                    .containsText("Why not: Costs months");

            page.getByTestId("state-in_review").click();
            assertThat(page.getByTestId("review-state")).hasText("In review");
            page.getByTestId("state-published").click();
            assertThat(page.getByTestId("review-state")).hasText("Published");
            assertThat(page.getByTestId("reader-count")).hasText("0");

            Page bobPage = signIn(bobContext, bob);
            bobPage.navigate(base() + "/incidents/" + id + "/review/read");
            assertThat(bobPage.getByTestId("read-learned")).containsText("An alias switch is a deploy");
            assertThat(bobPage.getByTestId("read-narrative")).containsText("Index alias points at the empty index");
            assertThat(bobPage.locator("[data-testid=action-items] li:has-text('Check the alias')"))
                    .containsText("due " + due);

            page.navigate(base() + "/reviews");
            assertThat(page.locator(
                            "tr[data-testid=review-row]:has-text('Search results empty') [data-testid=review-readers]"))
                    .hasText("1");
            page.navigate(base() + "/incidents/" + id + "/review");
            assertThat(page.getByTestId("reader-count")).hasText("1");
            assertThat(page.getByTestId("reader")).containsText("Test viewer");
        }
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
