package dev.cairn.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The room with a long transcript: it opens with the newest 200 entries under "show earlier (n
 * more)", each earlier chunk follows on without duplicates or gaps also while entries arrive, a
 * link to an old entry opens the room at it, and a reload keeps what the page shows.
 */
class RoomChunksTest extends IntegrationTest {

    private static final Pattern ENTRY = Pattern.compile("<li id=\"entry-(\\d+)\"");
    private static final Pattern EARLIER =
            Pattern.compile("hx-get=\"/incidents/(\\d+)/entries/earlier\\?before=(\\d+)\"");

    private static final Pattern LATER = Pattern.compile("hx-get=\"/incidents/(\\d+)/entries/later\\?after=(\\d+)\"");

    @Autowired
    Timeline timeline;

    private Person ada;
    private Actor actor;
    private long incident;
    private Browser browser;

    @BeforeEach
    void longTranscript() {
        ada = person(Role.RESPONDER);
        actor = new Actor(ada.id(), ada.email(), "Ada", Role.RESPONDER, null);
        incident = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Long transcript\",\"severity\":\"SEV1\"}")
                .json()
                .get("id")
                .asLong();
        Instant start = clock.instant().minusSeconds(10_000);
        // Every second entry shares its second with the one before: the cursor must tell them apart by id.
        List<ImportedEntry> lines = IntStream.rangeClosed(1, 450)
                .mapToObj(i -> new ImportedEntry(
                        "k" + i, null, "Grace", "message", "line %03d".formatted(i), start.plusSeconds(i / 2 * 10)))
                .toList();
        assertThat(timeline.importEntries(incident, EntrySource.CHAT_LOG, lines, actor))
                .isEqualTo(450);
        browser = new Browser(port);
        browser.signIn(ada.email(), ada.password());
    }

    @Test
    void theRoomShowsTheNewest200AndHowManyAreEarlier() {
        List<Long> all = ids(timeline.chronological(incident, actor));
        assertThat(all).hasSizeGreaterThan(450);

        String room = ok(browser.get("/incidents/" + incident));

        assertThat(entryIds(room)).containsExactlyElementsOf(all.subList(all.size() - 200, all.size()));
        assertThat(room)
                .contains("Show earlier entries (<span data-testid=\"earlier-count\">" + (all.size() - 200)
                        + " more</span>)")
                .doesNotContain("line 001<")
                .contains("line 450");

        // Without JavaScript "show earlier" is a link: the room again, with the chunk before.
        long first = all.get(all.size() - 200);
        assertThat(room).contains("href=\"/incidents/" + incident + "?earlier=" + first + "#entry-" + first + "\"");
        String more = ok(browser.get("/incidents/" + incident + "?earlier=" + first));
        assertThat(entryIds(more)).containsExactlyElementsOf(all.subList(all.size() - 400, all.size()));
        assertThat(more).contains("(<span data-testid=\"earlier-count\">" + (all.size() - 400) + " more</span>)");
    }

    @Test
    void showEarlierBringsEachChunkInOrderWithoutDuplicatesOrGapsWhileEntriesArrive() {
        List<Long> before = ids(timeline.chronological(incident, actor));
        String room = ok(browser.get("/incidents/" + incident));
        List<Long> shown = new ArrayList<>(entryIds(room));
        Matcher next = EARLIER.matcher(room);
        int chunks = 0;
        while (next.find()) {
            // Someone posts while the reader scrolls back.
            ada.api().post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"live " + chunks + "\"}");
            String chunk = ok(browser.get("/incidents/" + incident + "/entries/earlier?before=" + next.group(2)));
            List<Long> earlier = entryIds(chunk);
            assertThat(earlier).hasSizeLessThanOrEqualTo(200);
            shown.addAll(0, earlier);
            assertThat(chunk).contains("id=\"timeline-earlier\"").contains("hx-swap-oob=\"true\"");
            int left = before.indexOf(shown.getFirst());
            if (left > 0) {
                assertThat(chunk).contains("(<span data-testid=\"earlier-count\">" + left + " more</span>)");
            }
            next = EARLIER.matcher(chunk);
            chunks++;
        }
        assertThat(chunks).isEqualTo((before.size() - 1) / 200);
        assertThat(shown).containsExactlyElementsOf(before);
        assertThat(ok(browser.get("/incidents/" + incident + "/entries/earlier?before=" + before.getFirst())))
                .doesNotContain("<li id=\"entry-")
                .doesNotContain("Show earlier");
    }

    @Test
    void aLinkToAnOldEntryOpensTheRoomAtItWithShowLaterUpToTheNewest() {
        List<TimelineEntry> all = timeline.chronological(incident, actor);
        List<Long> ids = ids(all);
        TimelineEntry old = all.stream()
                .filter(e -> e.body().equals("line 100"))
                .findFirst()
                .orElseThrow();
        int at = ids.indexOf(old.id());

        String room = ok(browser.get("/incidents/" + incident + "?around=" + old.id()));

        // 20 entries of context before it, 200 from it on; the newest are further on.
        List<Long> shown = entryIds(room);
        assertThat(shown).containsExactlyElementsOf(ids.subList(at - 20, at + 200));
        assertThat(room)
                .contains("line 100")
                .doesNotContain("line 450")
                .contains("(<span data-testid=\"earlier-count\">" + (at - 20) + " more</span>)")
                .contains("(<span data-testid=\"later-count\">" + (ids.size() - at - 200) + " more</span>)")
                .contains("Jump to the newest");
        // What the page shows is what a reload brings back (live changes, reconnects).
        assertThat(entryIds(ok(browser.get(
                        "/incidents/" + incident + "/entries?from=" + shown.getFirst() + "&to=" + shown.getLast()))))
                .containsExactlyElementsOf(shown);

        // "Show later" walks on to the newest, also past an entry posted meanwhile.
        List<Long> walked = new ArrayList<>(shown);
        String page = room;
        Matcher later = LATER.matcher(page);
        long posted = 0;
        while (later.find()) {
            if (posted == 0) {
                posted = ada.api()
                        .post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"posted meanwhile\"}")
                        .json()
                        .get("id")
                        .asLong();
            }
            page = ok(browser.get("/incidents/" + incident + "/entries/later?after=" + later.group(2)));
            walked.addAll(entryIds(page));
            later = LATER.matcher(page);
        }
        assertThat(page).doesNotContain("Show later").doesNotContain("Jump to the newest");
        List<Long> expected = new ArrayList<>(ids.subList(at - 20, ids.size()));
        expected.add(posted);
        assertThat(walked).containsExactlyElementsOf(expected);
        // From there the room reloads as one that reaches the newest.
        assertThat(entryIds(ok(browser.get("/incidents/" + incident + "/entries?from=" + shown.getFirst()))))
                .containsExactlyElementsOf(expected);

        // A link to a recent entry, or to an entry the incident does not have, opens the room as usual.
        assertThat(entryIds(ok(browser.get(
                        "/incidents/" + incident + "?around=" + all.getLast().id()))))
                .hasSize(200);
        assertThat(entryIds(ok(browser.get("/incidents/" + incident + "?around=999999999"))))
                .hasSize(200);
        // Editing an old entry goes back to it in the room.
        TimelineEntry mine = timeline.post(incident, new PostEntry("message", "mine", old.occurredAt()), actor);
        HttpResponse<String> edited = browser.postForm(
                "/entries/" + mine.id() + "/edit",
                java.util.Map.of("body", "mine, edited"),
                "/entries/" + mine.id() + "/edit");
        assertThat(Browser.location(edited))
                .endsWith("/incidents/" + incident + "?around=" + mine.id() + "#entry-" + mine.id());
        assertThat(ok(browser.get(Browser.location(edited).replaceFirst("^https?://[^/]+", ""))))
                .contains("id=\"entry-" + mine.id() + "\"")
                .contains("mine, edited");
    }

    @Test
    void chunksAreRefusedForOtherIncidentsAndHiddenFromNonMembers() {
        long other = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Other\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
        long foreign = timeline.chronological(other, actor).getFirst().id();
        assertThat(browser.get("/incidents/" + incident + "/entries/earlier?before=" + foreign)
                        .statusCode())
                .isEqualTo(400);

        long secret = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Secret\",\"severity\":\"SEV3\",\"type\":\"private\"}")
                .json()
                .get("id")
                .asLong();
        long entry = timeline.chronological(secret, actor).getFirst().id();
        Person bob = person(Role.RESPONDER);
        Browser bobs = new Browser(port);
        bobs.signIn(bob.email(), bob.password());
        assertThat(bobs.get("/incidents/" + secret + "/entries/earlier?before=" + entry)
                        .statusCode())
                .isEqualTo(404);
        assertThat(bobs.get("/incidents/" + secret + "/entries?from=" + entry).statusCode())
                .isEqualTo(404);
        assertThat(bobs.get("/incidents/" + secret + "/entries/later?after=" + entry)
                        .statusCode())
                .isEqualTo(404);
        assertThat(bobs.get("/incidents/" + secret + "/entries?from=" + entry + "&to=" + entry)
                        .statusCode())
                .isEqualTo(404);
        assertThat(bobs.get("/incidents/" + secret + "?around=" + entry).statusCode())
                .isEqualTo(404);
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<Long> entryIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ENTRY.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static List<Long> ids(List<TimelineEntry> entries) {
        return entries.stream().map(TimelineEntry::id).toList();
    }
}
