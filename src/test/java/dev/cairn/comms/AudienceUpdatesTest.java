package dev.cairn.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.TestMail;
import dev.cairn.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One update written in the room becomes a draft per audience; sending an audience reaches its
 * e-mail list and its signed webhook, lands on the timeline and is listed under the audience.
 */
class AudienceUpdatesTest extends CommsTestSupport {

    @Test
    void theDefaultAudiencesAreSeededWithTheirCadence() {
        JsonNode all = admin().get("/api/v1/audiences").json();
        List<String> slugs = StreamSupport.stream(all.spliterator(), false)
                .map(a -> a.get("slug").asString())
                .toList();
        assertThat(slugs).contains("executives", "customer_facing", "engineering", "public");
        JsonNode executives = StreamSupport.stream(all.spliterator(), false)
                .filter(a -> a.get("slug").asString().equals("executives"))
                .findFirst()
                .orElseThrow();
        assertThat(executives.get("cadence").get("SEV1").asInt()).isEqualTo(30);
        assertThat(executives.get("cadence").get("SEV2").asInt()).isEqualTo(60);
        assertThat(executives.get("cadence").has("SEV3")).isFalse();
    }

    @Test
    void draftsDifferPerAudienceFillThePlaceholdersAndCarryTheStarredEntries() {
        Person ada = person(Role.RESPONDER);
        long service = service(unique("Checkout"));
        long incident = declare(ada.api(), "Card payments fail", "SEV2", "default", service);
        role(ada.api(), incident, "commander", ada.id());
        starred(ada.api(), incident, "Rolled back release 4f2a1c");

        Response drafts = ada.api()
                .post(
                        "/api/v1/incidents/" + incident + "/updates/drafts",
                        "{\"impact\":\"30% of EU card payments fail\",\"actions\":\"Rolling back\","
                                + "\"workaround\":\"Pay by transfer\"}");
        assertThat(drafts.status()).as(drafts.body()).isEqualTo(200);
        Map<String, JsonNode> bySlug = new java.util.HashMap<>();
        drafts.json().forEach(d -> bySlug.put(d.get("audience").asString(), d));

        String executives = bySlug.get("executives").get("body").asString();
        assertThat(executives)
                .contains("Card payments fail", "INC-" + incident, "SEV2", "investigating")
                .contains("30% of EU card payments fail", "Rolling back", "Pay by transfer")
                .contains("Rolled back release 4f2a1c", "Incident commander: Test responder")
                .contains("http://localhost:8080/incidents/" + incident)
                .doesNotContain("{{");
        assertThat(bySlug.get("executives").get("subject").asString())
                .isEqualTo("[SEV2] Card payments fail: investigating");
        assertThat(bySlug.get("engineering").get("body").asString()).contains("Rolled back release 4f2a1c");

        String publicText = bySlug.get("public").get("body").asString();
        assertThat(publicText)
                .contains("We are investigating the problem.", "30% of EU card payments fail", "Pay by transfer")
                .as("no internal jargon for the public")
                .doesNotContain("SEV2", "INC-", "Rolled back release", "http", "{{");
        assertThat(bySlug.get("customer_facing").get("body").asString())
                .contains("What customers can do meanwhile", "Pay by transfer")
                .doesNotContain("SEV2", "INC-");
        assertThat(executives).isNotEqualTo(publicText);
    }

    @Test
    void sendingOneAudienceReachesItsListAndSignedWebhookAndLandsOnTheTimeline() throws Exception {
        Person ada = person(Role.RESPONDER);
        String inbox = address("board");
        JsonNode board = audience(unique("Board"), "**Impact:** {{impact}}\nNext: {{next_update}}");
        long audienceId = board.get("id").asLong();
        recipient(audienceId, "email", inbox);
        try (WebhookReceiver receiver = WebhookReceiver.start(clock)) {
            JsonNode hook = recipient(audienceId, "webhook", receiver.url());
            String secret = hook.get("secret").asString();
            assertThat(secret).startsWith("whsec_");
            receiver.secret(secret);
            assertThat(admin().get("/api/v1/audiences/" + audienceId).body())
                    .as("the secret is shown once")
                    .doesNotContain(secret);

            long incident = declare(ada.api(), "Search is slow", "SEV3", "default", null);
            Response sent = send(
                    ada.api(),
                    incident,
                    "{\"impact\":\"Searches take 10 s\",\"updates\":[{\"audience\":\""
                            + board.get("slug").asString() + "\"}]}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            assertThat(sent.json().get(0).get("recipients").asInt()).isEqualTo(2);

            await().until(() -> TestMail.to(inbox).size() == 1);
            MimeMessage mail = TestMail.to(inbox).getFirst();
            assertThat(mail.getSubject())
                    .isEqualTo("Search is slow (" + board.get("name").asString() + ")");
            assertThat(TestMail.text(mail))
                    .as("the text part is the Markdown as written")
                    .contains("**Impact:** Searches take 10 s", "Next: when we know more");
            assertThat(TestMail.html(mail))
                    .as("the HTML part renders it")
                    .contains("<strong>Impact:</strong> Searches take 10 s<br")
                    .doesNotContain("**");
            await().until(() -> receiver.count() == 1);
            assertThat(receiver.received().getFirst().signed()).isTrue();
            assertThat(receiver.received().getFirst().body()).contains("Searches take 10 s");

            List<JsonNode> entries = timeline(ada.api(), incident, "audience_update_sent");
            assertThat(entries).hasSize(1);
            assertThat(entries.getFirst().get("body").asString())
                    .startsWith("Update to " + board.get("name").asString() + ": Search is slow");

            JsonNode listed = ada.api()
                    .get("/api/v1/incidents/" + incident + "/updates")
                    .json()
                    .get("items");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("audienceId").asLong()).isEqualTo(audienceId);
            assertThat(listed.get(0).get("body").asString()).contains("Searches take 10 s");
            assertThat(listed.get(0).get("sentByName").asString()).isEqualTo("Test responder");
        }
    }

    @Test
    void aDrillIsMarkedInEverySubjectAndBody() throws Exception {
        Person ada = person(Role.RESPONDER);
        String inbox = address("drill");
        JsonNode team = audience(unique("Drill watchers"), "{{impact}}");
        recipient(team.get("id").asLong(), "email", inbox);
        long incident = declare(ada.api(), "Game day: lose a zone", "SEV2", "drill", null);

        JsonNode drafts = ada.api()
                .post("/api/v1/incidents/" + incident + "/updates/drafts", "{\"impact\":\"Zone b is gone\"}")
                .json();
        drafts.forEach(d -> {
            assertThat(d.get("subject").asString()).startsWith("[DRILL]");
            assertThat(d.get("body").asString()).startsWith("[DRILL]");
        });

        Response sent = send(
                ada.api(),
                incident,
                "{\"updates\":[{\"audience\":\"" + team.get("id").asLong()
                        + "\",\"subject\":\"Zone b down\",\"body\":\"Edited by hand\"}]}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        await().until(() -> TestMail.to(inbox).size() == 1);
        MimeMessage mail = TestMail.to(inbox).getFirst();
        assertThat(mail.getSubject()).isEqualTo("[DRILL] Zone b down");
        assertThat(TestMail.text(mail)).contains("[DRILL] This is a drill", "Edited by hand");
    }

    @Test
    void viewersCannotSendAndOnlyAdminsChangeAudiences() {
        Person ada = person(Role.RESPONDER);
        Person vic = person(Role.VIEWER);
        long incident = declare(ada.api(), "Queue backlog", "SEV3", "default", null);
        assertThat(send(vic.api(), incident, "{\"updates\":[{\"audience\":\"executives\"}]}")
                        .status())
                .isEqualTo(403);
        assertThat(vic.api()
                        .post("/api/v1/incidents/" + incident + "/updates/drafts", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(vic.api().get("/api/v1/incidents/" + incident + "/updates").status())
                .as("viewers read what was sent")
                .isEqualTo(200);
        long executives = StreamSupport.stream(
                        admin().get("/api/v1/audiences").json().spliterator(), false)
                .filter(a -> a.get("slug").asString().equals("executives"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        assertThat(ada.api()
                        .patch("/api/v1/audiences/" + executives, "{\"name\":\"Bosses\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api()
                        .post("/api/v1/audiences", "{\"name\":\"X\",\"template\":\"{{title}}\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api()
                        .post(
                                "/api/v1/audiences/" + executives + "/recipients",
                                "{\"channel\":\"email\",\"address\":\"a@b.example\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Response typo = admin().post(
                        "/api/v1/audiences",
                        "{\"name\":\"" + unique("Typo") + "\",\"template\":\"Impact: {{impcat}}\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("field").asString()).isEqualTo("template");
        assertThat(typo.json().get("detail").asString()).contains("{{impcat}}");

        Response subject = admin().post(
                        "/api/v1/audiences",
                        "{\"name\":\"" + unique("Typo")
                                + "\",\"template\":\"{{title}}\",\"subjectTemplate\":\"{{titel}}\"}");
        assertThat(subject.json().get("field").asString()).isEqualTo("subjectTemplate");

        Response cadence = admin().post(
                        "/api/v1/audiences",
                        "{\"name\":\"" + unique("Fast") + "\",\"template\":\"{{title}}\",\"cadence\":{\"SEV1\":1}}");
        assertThat(cadence.status()).isEqualTo(400);
        assertThat(cadence.json().get("field").asString()).isEqualTo("cadence.SEV1");

        Response channel = admin().post(
                        "/api/v1/audiences/"
                                + audience(unique("Ch"), "{{title}}").get("id").asLong() + "/recipients",
                        "{\"channel\":\"pigeon\",\"address\":\"x\"}");
        assertThat(channel.json().get("field").asString()).isEqualTo("channel");

        Person ada = person(Role.RESPONDER);
        long incident = declare(ada.api(), "Something", "SEV4", "default", null);
        Response unknown = send(ada.api(), incident, "{\"updates\":[{\"audience\":\"martians\"}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("updates[0].audience");
        Response none = send(ada.api(), incident, "{\"updates\":[]}");
        assertThat(none.json().get("field").asString()).isEqualTo("updates");
        assertThat(timeline(ada.api(), incident, "audience_update_sent")).isEmpty();
    }
}
