package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import dev.cairn.timeline.ImportedEntry;
import dev.cairn.timeline.Timeline;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review pages: a long transcript comes in chunks, a private incident's review stays private
 * on every path (pages, API, exports, reads, the list), and reading a published review is counted
 * with how far and how long.
 */
class ReviewPagesTest extends IntegrationTest {

    private static final Pattern READ_ID = Pattern.compile("data-read-id=\"(\\d+)\"");

    @Autowired
    Timeline timeline;

    private long resolved(Person who, String title, String type) {
        long id = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"" + title + "\",\"severity\":\"SEV2\",\"type\":\"" + type + "\"}")
                .json()
                .get("id")
                .asLong();
        who.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        return id;
    }

    private void publish(Person who, long id) {
        who.api()
                .put(
                        "/api/v1/incidents/" + id + "/review",
                        "{\"learned\":\"Alarms need owners.\",\"state\":\"in_review\"}");
        assertThat(who.api()
                        .post("/api/v1/incidents/" + id + "/review/publish", "")
                        .status())
                .isEqualTo(200);
    }

    private Browser signedIn(Person who) {
        Browser browser = new Browser(port);
        browser.signIn(who.email(), who.password());
        return browser;
    }

    @Test
    void aLongTranscriptLoadsInChunks() {
        Person ada = person(Role.RESPONDER);
        long id = resolved(ada, "Long transcript", "default");
        Actor actor = new Actor(ada.id(), ada.email(), "Test responder", Role.RESPONDER, null);
        timeline.importEntries(
                id,
                "chat-log",
                IntStream.range(0, 450)
                        .mapToObj(i -> new ImportedEntry(
                                "k" + i,
                                null,
                                "Bea",
                                "message",
                                "line " + i,
                                clock.instant().minusSeconds(1000 - i)))
                        .toList(),
                actor);
        Browser browser = signedIn(ada);
        HttpResponse<String> page = browser.get("/incidents/" + id + "/review");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(count(page.body(), "data-testid=\"review-entry\"")).isEqualTo(200);
        assertThat(page.body())
                .contains(">line 0<")
                .doesNotContain(">line 250<")
                .contains("data-testid=\"load-more\"");
        Matcher next = Pattern.compile("/review/entries\\?after=(\\d+)").matcher(page.body());
        assertThat(next.find()).isTrue();
        HttpResponse<String> more = browser.get("/incidents/" + id + "/review/entries?after=" + next.group(1));
        assertThat(more.body())
                .contains(">line 200<")
                .doesNotContain(">line 199<")
                .contains("load-more");
    }

    @Test
    void aPrivateIncidentsReviewStaysPrivate() {
        Person owner = person(Role.RESPONDER);
        Person outsider = person(Role.RESPONDER);
        long id = resolved(owner, "Secret review walrus", "private");
        publish(owner, id);

        for (String path : List.of(
                "/api/v1/incidents/" + id + "/review",
                "/api/v1/incidents/" + id + "/review/highlights",
                "/api/v1/incidents/" + id + "/review/reads",
                "/api/v1/incidents/" + id + "/review.md",
                "/api/v1/incidents/" + id + "/review.pdf")) {
            assertThat(outsider.api().get(path).status()).as(path).isEqualTo(404);
        }
        Browser browser = signedIn(outsider);
        for (String path : List.of(
                "/incidents/" + id + "/review",
                "/incidents/" + id + "/review/read",
                "/incidents/" + id + "/review/export.md")) {
            assertThat(browser.get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(browser.get("/reviews").body()).doesNotContain("Secret review walrus");
        assertThat(signedIn(owner).get("/reviews").body()).contains("Secret review walrus");
        assertThat(admin().get("/api/v1/incidents/" + id + "/review.md").body()).contains("Alarms need owners.");
    }

    @Test
    void readingAPublishedReviewIsCountedWithDepthAndTime() {
        Person ada = person(Role.RESPONDER);
        Person reader = person(Role.VIEWER);
        long id = resolved(ada, "Read me", "default");
        Browser readerBrowser = signedIn(reader);
        HttpResponse<String> draft = readerBrowser.get("/incidents/" + id + "/review/read");
        assertThat(draft.body()).contains("not published yet").doesNotContain("data-read-id=\"");
        publish(ada, id);

        HttpResponse<String> page = readerBrowser.get("/incidents/" + id + "/review/read");
        assertThat(page.body()).contains("Alarms need owners.");
        Matcher read = READ_ID.matcher(page.body());
        assertThat(read.find()).isTrue();
        HttpResponse<String> beacon = readerBrowser.postForm(
                "/incidents/" + id + "/review/reads/" + read.group(1),
                Map.of("depth", "80", "seconds", "95"),
                "/incidents/" + id + "/review");
        assertThat(beacon.statusCode()).isEqualTo(204);
        readerBrowser.postForm(
                "/incidents/" + id + "/review/reads/" + read.group(1),
                Map.of("depth", "40", "seconds", "120"),
                "/incidents/" + id + "/review");

        Response reads = ada.api().get("/api/v1/incidents/" + id + "/review/reads");
        assertThat(reads.json().get("readers").asInt()).isEqualTo(1);
        assertThat(reads.json().get("people").get(0).get("depth").asInt())
                .as("depth never goes down")
                .isEqualTo(80);
        assertThat(reads.json().get("people").get(0).get("seconds").asInt()).isEqualTo(120);

        Browser adaBrowser = signedIn(ada);
        HttpResponse<String> notYours = adaBrowser.postForm(
                "/incidents/" + id + "/review/reads/" + read.group(1),
                Map.of("depth", "100", "seconds", "1"),
                "/incidents/" + id + "/review");
        assertThat(notYours.statusCode()).isEqualTo(409);
        assertThat(adaBrowser.get("/reviews").body()).contains("Read me");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
