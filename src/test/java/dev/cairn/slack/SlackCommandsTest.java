package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.support.Api;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code /incident declare} (a modal, then its submission), {@code update}, {@code role} and
 * {@code page}, and the Escalate button of a page's direct message, against signed requests and
 * the fake Web API.
 */
class SlackCommandsTest extends SlackTest {

    @Autowired
    Teams teams;

    SignedSlack slack;
    Person ada;
    String adaSlack;

    @BeforeEach
    void ada() {
        slack = new SignedSlack(port, SECRET);
        ada = responder();
        adaSlack = "U" + id();
        users.update(ada.id(), null, null, null, adaSlack, null, Actor.SYSTEM);
    }

    @Test
    void declareOpensTheModalAndItsSubmissionDeclaresOrNamesTheWrongField() {
        String trigger = "13345224609." + id();
        HttpResponse<String> opened = command("declare Checkout is slow", "C" + id(), trigger);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).isEmpty();
        Map<String, String> view =
                FakeSlack.get().last("views.open", "trigger_id", trigger).orElseThrow();
        assertThat(view.get("view"))
                .contains("\"callback_id\":\"cairn_declare\"", "\"initial_value\":\"Checkout is slow\"", "SEV1");

        JsonNode missing = submit("Checkout is slow", null, "default", false);
        assertThat(missing.get("response_action").asString()).isEqualTo("errors");
        assertThat(missing.get("errors").get("severity").asString()).isEqualTo("Choose a severity");
        JsonNode both = submit("Checkout is slow", "SEV2", "drill", true);
        assertThat(both.get("errors").get("type").asString()).contains("A drill cannot be private");
        JsonNode blank = submit("  ", "SEV2", "default", false);
        assertThat(blank.get("errors").get("title").asString()).contains("must be 1 to 200 characters");

        String title = "Checkout slow " + id();
        JsonNode declared = submit(title, "SEV2", "default", true);
        assertThat(declared.get("response_action").asString()).isEqualTo("update");
        String shown = declared.get("view").toString();
        assertThat(shown).contains("is declared (SEV2)", "creating its channel");
        JsonNode incident = StreamSupport.stream(
                        ada.api()
                                .get("/api/v1/incidents?limit=20")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .filter(i -> i.get("title").asString().equals(title))
                .findFirst()
                .orElseThrow();
        assertThat(incident.get("severity").asString()).isEqualTo("SEV2");
        assertThat(incident.get("type").asString()).isEqualTo("private");
        assertThat(incident.get("createdBy").asLong()).isEqualTo(ada.id());
        assertThat(shown).contains(incident.get("reference").asString());
    }

    @Test
    void updateRoleAndPageActAsTheMemberFromTheIncidentChannel() {
        Person kate = responder();
        String kateSlack = "U" + id();
        users.update(kate.id(), null, null, null, kateSlack, null, Actor.SYSTEM);
        String[] made = incidentWithChannel(ada, "Search is down").split(":");
        long incident = Long.parseLong(made[0]);
        String channel = made[1];

        assertThat(command("update Search is back for most users; still watching", channel, null)
                        .body())
                .contains("Posting the update");
        assertThat(command("role <@" + kateSlack + "|kate> commander", channel, null)
                        .body())
                .contains("Giving Test responder the role commander");
        assertThat(command("role <@" + kateSlack + "|kate> janitor", channel, null)
                        .body())
                .contains("Unknown role `janitor`");
        assertThat(command("page <@" + kateSlack + "|kate>", channel, null).body())
                .contains("Paging Test responder");

        TeamView team = teams.create("Search team " + id(), "", Actor.SYSTEM);
        teams.addMember(team.id(), kate.id(), Actor.SYSTEM);
        assertThat(command("page " + team.name(), channel, null).body()).contains("has no escalation policy");
        assertThat(command("page Nobody " + id(), channel, null).body()).contains("There is no team called");
        Api.Response policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Search " + id() + "\",\"teamId\":" + team.id() + ",\"steps\":[{\"delayMinutes\":5,"
                                + "\"targets\":[{\"kind\":\"team\",\"id\":" + team.id() + "}]}]}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        assertThat(command("page " + team.slug(), channel, null).body()).contains("through its escalation policy");

        jobs.runDue();
        await().atMost(Duration.ofSeconds(15)).until(() -> pages(incident).size() == 2);
        JsonNode room = ada.api().get("/api/v1/incidents/" + incident).json();
        assertThat(room.get("roles").toString()).contains("\"role\":\"commander\"", "\"userId\":" + kate.id());
        List<JsonNode> updates = StreamSupport.stream(
                        ada.api()
                                .get("/api/v1/incidents/" + incident + "/timeline?limit=100")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .filter(e -> e.get("kind").asString().equals("update"))
                .toList();
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.get("body").asString()).isEqualTo("Search is back for most users; still watching");
            assertThat(u.get("authorId").asLong()).isEqualTo(ada.id());
        });
        assertThat(pages(incident))
                .extracting(p -> p.get("title").asString())
                .containsOnly("Needed in INC-" + incident + ": Search is down");
        assertThat(pages(incident))
                .extracting(p -> p.get("policyName").asString())
                .anyMatch(n -> n.equals("Direct to Test responder"))
                .anyMatch(n -> n.startsWith("Search "));
    }

    @Test
    void escalateOnAPageMessageFiresTheNextStepNowAndSaysWhenThereIsNone() {
        Person kate = responder();
        Api.Response policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Two steps " + id() + "\",\"steps\":["
                                + "{\"delayMinutes\":30,\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]},"
                                + "{\"delayMinutes\":30,\"targets\":[{\"kind\":\"user\",\"id\":" + kate.id() + "}]}]}");
        long page = admin().post(
                        "/api/v1/pages",
                        "{\"policyId\":" + policy.json().get("id").asLong() + ",\"title\":\"Queue backlog\"}")
                .json()
                .get("id")
                .asLong();
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> stepsFired(page) == 1);

        String dm = "D" + id();
        assertThat(button("cairn_page_escalate", page, dm).statusCode()).isEqualTo(200);
        JsonNode detail = admin().get("/api/v1/pages/" + page).json();
        assertThat(detail.get("page").get("stepsFired").asInt()).isEqualTo(2);
        assertThat(detail.get("history").toString()).contains("Escalated now by Test responder (slack)");
        assertThat(StreamSupport.stream(detail.get("history").spliterator(), false)
                        .filter(e -> e.get("kind").asString().equals("notified"))
                        .map(e -> e.get("userId").asLong()))
                .containsExactly(ada.id(), kate.id());

        // The timed step the escalation overtook finds its version stale and pages nobody again.
        clock.advance(Duration.ofMinutes(31));
        jobs.runDue();
        assertThat(button("cairn_page_escalate", page, dm).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FakeSlack.get().posted(dm).size() == 2);
        assertThat(FakeSlack.get().posted(dm).get(0)).contains("Page #" + page + " escalated by Test responder");
        assertThat(FakeSlack.get().posted(dm).get(1)).contains("there is no next step");
        assertThat(admin().post("/api/v1/pages/" + page + "/escalate", "").status())
                .isEqualTo(409);
    }

    private int stepsFired(long page) {
        return admin().get("/api/v1/pages/" + page)
                .json()
                .get("page")
                .get("stepsFired")
                .asInt();
    }

    private HttpResponse<String> button(String action, long page, String dm) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + adaSlack + "\"},\"channel\":{\"id\":\""
                + dm + "\"},\"actions\":[{\"action_id\":\"" + action + "\",\"value\":\"page:" + page
                + "\",\"type\":\"button\"}]}";
        return interaction(payload);
    }

    private List<JsonNode> pages(long incident) {
        return StreamSupport.stream(
                        admin().get("/api/v1/pages?incidentId=" + incident)
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .toList();
    }

    private HttpResponse<String> command(String text, String channel, String trigger) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("command", "/incident");
        fields.put("text", text);
        fields.put("user_id", adaSlack);
        fields.put("channel_id", channel);
        fields.put("response_url", FakeSlack.get().responseUrl(id()));
        if (trigger != null) {
            fields.put("trigger_id", trigger);
        }
        return slack.command(fields, clock.instant());
    }

    private JsonNode submit(String title, String severity, String type, boolean isPrivate) {
        String values =
                "{\"title\":{\"value\":{\"type\":\"plain_text_input\",\"value\":" + Api.JSON.writeValueAsString(title)
                        + "}},\"severity\":{\"value\":{\"type\":\"static_select\",\"selected_option\":"
                        + (severity == null ? "null" : "{\"value\":\"" + severity + "\"}")
                        + "}},\"type\":{\"value\":{\"type\":\"radio_buttons\",\"selected_option\":{\"value\":\"" + type
                        + "\"}}},\"private\":{\"value\":{\"type\":\"checkboxes\",\"selected_options\":["
                        + (isPrivate ? "{\"value\":\"private\"}" : "") + "]}}}";
        String payload = "{\"type\":\"view_submission\",\"user\":{\"id\":\"" + adaSlack
                + "\"},\"view\":{\"id\":\"V1\",\"callback_id\":\"cairn_declare\",\"state\":{\"values\":" + values
                + "}}}";
        HttpResponse<String> answer = interaction(payload);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Api.JSON.readTree(answer.body());
    }

    private HttpResponse<String> interaction(String payload) {
        return slack.send(
                "/slack/interactions",
                "application/x-www-form-urlencoded",
                "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                clock.instant(),
                Map.of());
    }
}
