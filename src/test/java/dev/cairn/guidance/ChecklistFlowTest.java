package dev.cairn.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every incident gets its severity's checklist, more items when the severity changes, and people
 * tick them in the room or through the API; each tick lands on the timeline with who ticked it.
 */
class ChecklistFlowTest extends IntegrationTest {

    static final String NAME_A_COMMANDER = "Name a commander — one person decides; everyone else helps.";

    @Test
    void aNewSev1IncidentShowsItsDefaultChecklistInTheRoom() {
        Person ada = person(Role.RESPONDER);
        long id = declare(ada, "SEV1", "default");
        Browser browser = signedIn(ada);

        assertThat(browser.get("/incidents/" + id).body())
                .as("the room loads the card by htmx")
                .contains("hx-get=\"/incidents/" + id + "/checklist\"");
        String card = browser.get("/incidents/" + id + "/checklist").body();
        assertThat(card)
                .contains(
                        "SEV1 checklist",
                        NAME_A_COMMANDER,
                        "Open a bridge or a channel and say where it is.",
                        "Tell customer support what customers will notice.",
                        "Post an update every 30 minutes, even if nothing changed.",
                        "0 of 10 done");
    }

    @Test
    void aSeverityChangeAddsTheNewItemsAndKeepsTicks() {
        Person ada = person(Role.RESPONDER);
        long id = declare(ada, "SEV3", "default");
        long owner = item(ada, id, "Name one person who owns this until it is resolved.");
        assertThat(ada.api()
                        .post("/api/v1/incidents/" + id + "/checklist/" + owner + "/tick", "")
                        .status())
                .isEqualTo(200);

        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + id, "{\"severity\":\"SEV1\"}")
                        .status())
                .isEqualTo(200);
        JsonNode items = checklist(ada, id).get("items");
        assertThat(texts(items)).contains(NAME_A_COMMANDER, "Tell customer support what customers will notice.");
        assertThat(texts(items)).hasSize(4 + 10);
        JsonNode kept = find(items, "Name one person who owns this until it is resolved.");
        assertThat(kept.get("tickedAt").isNull()).as("the tick stays").isFalse();
        assertThat(kept.get("tickedByName").asString()).isEqualTo("Test responder");

        ada.api().patch("/api/v1/incidents/" + id, "{\"severity\":\"SEV2\"}");
        assertThat(texts(checklist(ada, id).get("items")))
                .as("SEV2's items are all on SEV1's list already: nothing twice")
                .hasSize(14)
                .doesNotHaveDuplicates();
    }

    @Test
    void tickingInTheRoomAndThroughTheApiIsRecordedOnTheTimelineWithWhoDidIt() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long id = declare(ada, "SEV2", "default");
        long bridge = item(ada, id, "Open a bridge or a channel and say where it is.");
        Browser browser = signedIn(ada);

        var posted =
                browser.postForm("/incidents/" + id + "/checklist/" + bridge + "/tick", Map.of(), "/incidents/" + id);
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(Browser.location(posted)).endsWith("/incidents/" + id);
        String card = browser.get("/incidents/" + id + "/checklist").body();
        assertThat(card).contains("by Test responder", "1 of 7 done", "/checklist/" + bridge + "/untick");

        Response untick = bob.api().post("/api/v1/incidents/" + id + "/checklist/" + bridge + "/untick", "");
        assertThat(untick.status()).as(untick.body()).isEqualTo(200);
        assertThat(find(untick.json().get("items"), "Open a bridge or a channel and say where it is.")
                        .get("tickedAt")
                        .isNull())
                .isTrue();
        assertThat(bob.api()
                        .post("/api/v1/incidents/" + id + "/checklist/" + bridge + "/untick", "")
                        .status())
                .as("unticking twice is harmless")
                .isEqualTo(200);

        List<JsonNode> recorded = StreamSupport.stream(
                        ada.api()
                                .get("/api/v1/incidents/" + id + "/timeline")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .filter(e -> e.get("kind").asString().startsWith("checklist_"))
                .toList();
        assertThat(recorded).hasSize(2);
        JsonNode unticked = recorded.get(0);
        JsonNode ticked = recorded.get(1);
        assertThat(ticked.get("kind").asString()).isEqualTo("checklist_ticked");
        assertThat(ticked.get("body").asString())
                .isEqualTo("Ticked: Open a bridge or a channel and say where it is. (Test responder)");
        assertThat(ticked.get("authorId").asLong()).isEqualTo(ada.id());
        assertThat(unticked.get("kind").asString()).isEqualTo("checklist_unticked");
        assertThat(unticked.get("authorId").asLong()).isEqualTo(bob.id());
        assertThat(browser.get("/incidents/" + id).body())
                .as("the room shows the entries")
                .contains("Ticked: Open a bridge or a channel and say where it is.");
    }

    @Test
    void aViewerSeesButCannotTickAndAnOutsiderOfAPrivateIncidentGets404() {
        Person ada = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        long id = declare(ada, "SEV2", "default");
        long item = item(ada, id, NAME_A_COMMANDER);

        assertThat(viewer.api().get("/api/v1/incidents/" + id + "/checklist").status())
                .isEqualTo(200);
        assertThat(viewer.api()
                        .post("/api/v1/incidents/" + id + "/checklist/" + item + "/tick", "")
                        .status())
                .isEqualTo(403);
        String card = signedIn(viewer).get("/incidents/" + id + "/checklist").body();
        assertThat(card).contains(NAME_A_COMMANDER).doesNotContain("/checklist/" + item + "/tick");

        long secret = declare(ada, "SEV2", "private");
        long secretItem = item(ada, secret, NAME_A_COMMANDER);
        Person outsider = person(Role.RESPONDER);
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + secret + "/checklist")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .post("/api/v1/incidents/" + secret + "/checklist/" + secretItem + "/tick", "")
                        .status())
                .isEqualTo(404);
        assertThat(signedIn(outsider).get("/incidents/" + secret + "/checklist").statusCode())
                .isEqualTo(404);
        assertThat(ada.api()
                        .post("/api/v1/incidents/" + secret + "/checklist/" + secretItem + "/tick", "")
                        .status())
                .as("a member ticks")
                .isEqualTo(200);
        assertThat(ada.api()
                        .post("/api/v1/incidents/" + id + "/checklist/" + secretItem + "/tick", "")
                        .status())
                .as("an item of another incident")
                .isEqualTo(404);
    }

    static long declare(Person who, String severity, String type) {
        Response declared = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Guidance " + UUID.randomUUID().toString().substring(0, 6) + "\",\"severity\":\""
                                + severity + "\",\"type\":\"" + type + "\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        return declared.json().get("id").asLong();
    }

    static JsonNode checklist(Person who, long incident) {
        Response response = who.api().get("/api/v1/incidents/" + incident + "/checklist");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static long item(Person who, long incident, String text) {
        return find(checklist(who, incident).get("items"), text).get("id").asLong();
    }

    static JsonNode find(JsonNode items, String text) {
        return StreamSupport.stream(items.spliterator(), false)
                .filter(i -> i.get("text").asString().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item " + text + " in " + items));
    }

    static List<String> texts(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(i -> i.get("text").asString())
                .toList();
    }

    Browser signedIn(Person who) {
        Browser browser = new Browser(port);
        assertThat(browser.signIn(who.email(), who.password()).statusCode()).isEqualTo(302);
        return browser;
    }
}
