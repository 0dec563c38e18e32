package dev.cairn.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Slack export imported into a timeline through the API, as an incident responder would. */
class SlackImportTest extends IntegrationTest {

    @Test
    void aChannelOfAnExportArrivesWithOriginalTimesAuthorsAndResolvedMrkdwnAndOnlyOnce() {
        Person ada = person(Role.RESPONDER);
        long incident = incident(ada, "Checkout slow");
        byte[] export = SlackSamples.export(ada.email());

        Api.Response first =
                upload(ada, incident, "slack.zip", export, Map.of("kind", "slack-export", "channel", "#inc-checkout"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("imported").asInt()).isEqualTo(6);
        assertThat(first.json().get("skipped").asInt()).isZero();
        assertThat(first.json().get("channel").asString()).isEqualTo("inc-checkout");

        List<JsonNode> imported = entries(ada, incident).stream()
                .filter(e -> e.get("source").asString().equals("slack-export"))
                .toList();
        assertThat(imported).hasSize(6);
        JsonNode mention = byBody(imported, "checkout p99");
        assertThat(mention.get("body").asString())
                .isEqualTo("@Grace Hopper checkout p99 is 4s, see the dashboard (https://grafana.example/d/abc) and"
                        + " #general; try `kubectl rollout undo` & watch");
        assertThat(mention.get("authorId").asLong()).as("Ada matched by e-mail").isEqualTo(ada.id());
        assertThat(mention.get("occurredAt").asString()).isEqualTo("2024-03-05T09:01:00.000200Z");
        JsonNode reply = byBody(imported, "rolled back");
        assertThat(reply.get("body").asString()).isEqualTo("↳ rolled back, errors dropping");
        assertThat(reply.get("authorName").asString()).isEqualTo("Grace Hopper");
        assertThat(reply.get("authorId").isNull()).isTrue();
        assertThat(reply.get("data").get("edited").asString()).isEqualTo("true");
        assertThat(byBody(imported, "Alert resolved").get("authorName").asString())
                .isEqualTo("PagerBot");
        assertThat(byBody(imported, "has joined").get("body").asString())
                .isEqualTo("@Grace Hopper has joined the channel");
        assertThat(byBody(imported, "heap dump").get("body").asString())
                .isEqualTo("the heap dump\n[file: heap.hprof https://acme.slack.com/files/U01ADA/F01/heap.hprof]");
        assertThat(imported).noneMatch(e -> e.get("body").asString().contains("lunch"));

        Api.Response again =
                upload(ada, incident, "slack.zip", export, Map.of("kind", "slack-export", "channel", "C01INC"));
        assertThat(again.json().get("imported").asInt()).isZero();
        assertThat(again.json().get("skipped").asInt()).isEqualTo(6);
        assertThat(entries(ada, incident).stream()
                        .filter(e -> e.get("source").asString().equals("slack-export")))
                .hasSize(6);

        JsonNode list =
                ada.api().get("/api/v1/incidents/" + incident + "/imports").json();
        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("imported").asInt()).isEqualTo(6);
        assertThat(list.get(1).get("fileName").asString()).isEqualTo("slack.zip");
    }

    @Test
    void aTimeRangeKeepsOnlyTheMessagesInside() {
        Person ada = person(Role.RESPONDER);
        long incident = incident(ada, "Range");
        Api.Response r = upload(
                ada,
                incident,
                "slack.zip",
                SlackSamples.export(ada.email()),
                Map.of(
                        "kind",
                        "slack-export",
                        "channel",
                        "inc-checkout",
                        "from",
                        "2024-03-05T09:01:00Z",
                        "to",
                        "2024-03-05"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(4);
        assertThat(r.json().get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void aBrokenDailyFileNamesTheFileAndLineAndImportsNothing() {
        Person ada = person(Role.RESPONDER);
        long incident = incident(ada, "Broken");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("users.json", SlackSamples.users(ada.email()));
        files.put("channels.json", SlackSamples.CHANNELS);
        files.put("inc-checkout/2024-03-05.json", SlackSamples.DAY1);
        files.put(
                "inc-checkout/2024-03-06.json",
                "[\n  {\"type\": \"message\", \"text\": \"ok\", \"ts\": \"1709715600.1\"},\n  {\"type\": \"message\", \"text\": oops}\n]");
        Api.Response r = upload(
                ada,
                incident,
                "broken.zip",
                SlackSamples.zip(files),
                Map.of("kind", "slack-export", "channel", "inc-checkout"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("inc-checkout/2024-03-06.json line 3");
        assertThat(entries(ada, incident))
                .noneMatch(e -> e.get("source").asString().equals("slack-export"));
        assertThat(ada.api().get("/api/v1/incidents/" + incident + "/imports").json())
                .isEmpty();

        Api.Response noChannel = upload(
                ada,
                incident,
                "slack.zip",
                SlackSamples.export(ada.email()),
                Map.of("kind", "slack-export", "channel", "nope"));
        assertThat(noChannel.status()).isEqualTo(400);
        assertThat(noChannel.body()).contains("no channel nope").contains("inc-checkout, general");

        Api.Response notZip = upload(
                ada, incident, "x.zip", "hello".getBytes(), Map.of("kind", "slack-export", "channel", "general"));
        assertThat(notZip.status()).isEqualTo(400);
        assertThat(notZip.body()).contains("not a ZIP file");
    }

    @Test
    void viewersCannotImportAndPrivateIncidentsAreHiddenFromOutsiders() {
        Person ada = person(Role.RESPONDER);
        long incident = incident(ada, "Perms");
        Person viewer = person(Role.VIEWER);
        byte[] export = SlackSamples.export(ada.email());
        assertThat(upload(viewer, incident, "s.zip", export, Map.of("kind", "slack-export", "channel", "general"))
                        .status())
                .isEqualTo(403);
        long secret = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Secret\",\"severity\":\"SEV3\",\"type\":\"private\"}")
                .json()
                .get("id")
                .asLong();
        Person outsider = person(Role.RESPONDER);
        assertThat(upload(outsider, secret, "s.zip", export, Map.of("kind", "slack-export", "channel", "general"))
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + secret + "/imports")
                        .status())
                .isEqualTo(404);
    }

    static long incident(Person p, String title) {
        return p.api()
                .post("/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
    }

    Api.Response upload(Person p, long incident, String name, byte[] file, Map<String, String> fields) {
        return Multipart.post(
                "http://localhost:" + port + ("/api/v1/incidents/" + incident + "/imports"),
                p.token(),
                name,
                file,
                fields);
    }

    static List<JsonNode> entries(Person p, long incident) {
        JsonNode items = p.api()
                .get("/api/v1/incidents/" + incident + "/timeline?limit=200")
                .json()
                .get("items");
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    static JsonNode byBody(List<JsonNode> entries, String part) {
        return entries.stream()
                .filter(e -> e.get("body").asString().contains(part))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry with " + part));
    }
}
