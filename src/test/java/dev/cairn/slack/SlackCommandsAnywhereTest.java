package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /incident} commands from any channel with the incident named ({@code INC-42}), with the
 * same permissions and visibility as in the incident's channel, and Slack user groups as {@code
 * page} targets.
 */
class SlackCommandsAnywhereTest extends SlackTest {

    SignedSlack slack;
    Person ada;
    String adaSlack;
    /** A channel that is no incident's. */
    String general;

    @BeforeEach
    void ada() {
        slack = new SignedSlack(port, SECRET);
        ada = responder();
        adaSlack = "U" + id();
        users.update(ada.id(), "Ada Lovelace", null, null, adaSlack, null, Actor.SYSTEM);
        general = "C" + id();
    }

    @Test
    void statusSeverityResolveAndUpdateByReferenceFromAChannelThatIsNoIncidents() {
        long incident = incident(ada, "Payments are failing", "SEV2");
        String ref = "INC-" + incident;

        assertThat(say(adaSlack, "status " + ref, general))
                .contains("*" + ref + " Payments are failing*", "Investigating", "SEV2", "commander: nobody yet");
        assertThat(say(adaSlack, "status " + incident, general)).contains("*" + ref + " Payments are failing*");
        assertThat(say(adaSlack, "status inc-" + incident, general)).contains("*" + ref + " Payments are failing*");

        Person viewer = person(Role.VIEWER);
        String viewerSlack = "U" + id();
        users.update(viewer.id(), null, null, null, viewerSlack, null, Actor.SYSTEM);
        assertThat(say(viewerSlack, "status " + ref, general)).contains("*" + ref + " Payments are failing*");
        assertThat(say(viewerSlack, "severity " + ref + " SEV1", general))
                .contains("can read incidents but not change them");

        assertThat(say(adaSlack, "severity " + ref + " sev1", general))
                .isEqualTo("Changing the severity of " + ref + " to SEV1…");
        // What the command keeps is what gets posted: a longer text is refused, not cut.
        assertThat(say(adaSlack, "update " + ref + " " + "x".repeat(4001), general))
                .isEqualTo("The update is too long (at most 4000 characters).");
        assertThat(say(adaSlack, "update " + ref + " Card payments fail for about 5% of users", general))
                .isEqualTo("Posting the update to " + ref + "…");
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(incidentJson(incident).get("severity").asString())
                                .isEqualTo("SEV1"));

        assertThat(say(adaSlack, "resolve " + ref + " Rolled back the <@" + adaSlack + "|ada> deploy", general))
                .isEqualTo("Resolving " + ref + " with your summary…");
        jobs.runDue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(incidentJson(incident).get("status").asString())
                                .isEqualTo("resolved"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(FakeSlack.get().responses)
                        .anySatisfy(r -> assertThat(r)
                                .contains("Resolved, and your summary is on the timeline")
                                .contains(ref + " Payments are failing")));
        assertThat(updates(incident))
                .extracting(u -> u.get("body").asString())
                .containsExactlyInAnyOrder("Card payments fail for about 5% of users", "Rolled back the @ada deploy");
        assertThat(updates(incident))
                .allSatisfy(u -> assertThat(u.get("authorId").asLong()).isEqualTo(ada.id()));
    }

    @Test
    void aPrivateIncidentsReferenceAnswersNoIncidentToAnOutsiderAsIfItDidNotExist() {
        Person kate = responder();
        String kateSlack = "U" + id();
        users.update(kate.id(), null, null, null, kateSlack, null, Actor.SYSTEM);
        long secret = kate.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Leaked credentials\",\"severity\":\"SEV1\",\"type\":\"private\"}")
                .json()
                .get("id")
                .asLong();
        String ref = "INC-" + secret;

        assertThat(say(adaSlack, "status " + ref, general)).isEqualTo("No incident " + ref + ".");
        assertThat(say(adaSlack, "resolve " + ref, general)).isEqualTo("No incident " + ref + ".");
        assertThat(say(adaSlack, "update " + ref + " hello", general)).isEqualTo("No incident " + ref + ".");
        long missing = secret + 1_000_000;
        assertThat(say(adaSlack, "status INC-" + missing, general)).isEqualTo("No incident INC-" + missing + ".");

        // Its own people see it from anywhere.
        assertThat(say(kateSlack, "status " + ref, general)).contains("*" + ref + " Leaked credentials*");

        jobs.runDue();
        assertThat(kate.api()
                        .get("/api/v1/incidents/" + secret)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("investigating");
    }

    @Test
    void outsideAnIncidentChannelTheReferenceIsRequiredAndTheAnswerShowsHow() {
        assertThat(say(adaSlack, "status", general))
                .contains("This channel is not an incident channel")
                .contains("`/incident status INC-42`");
        assertThat(say(adaSlack, "resolve", general)).contains("`/incident resolve INC-42 ");
        // A bare number is a reference only for status: here it is the start of the update's text.
        assertThat(say(adaSlack, "update 40 users cannot pay", general)).contains("`/incident update INC-42 ");

        // In an incident's channel, the channel's incident; a reference there names another one.
        String[] made = incidentWithChannel(ada, "Search is down").split(":");
        long other = incident(ada, "Queue backlog", "SEV3");
        assertThat(say(adaSlack, "status", made[1])).contains("*INC-" + made[0] + " Search is down*");
        assertThat(say(adaSlack, "status INC-" + other, made[1])).contains("*INC-" + other + " Queue backlog*");
    }

    @Test
    void aSlackUserGroupPagesEachMemberWithACairnAccountAndNamesTheOthers() {
        Person kate = responder();
        String kateSlack = "U" + id();
        users.update(kate.id(), "Kate Johnson", null, null, kateSlack, null, Actor.SYSTEM);
        // Lin has no Slack id in Cairn: matched by the e-mail Slack shows for her (users.info).
        Person lin = responder();
        users.update(lin.id(), "Lin Wei", null, null, null, null, Actor.SYSTEM);
        String linSlack = "U" + id();
        FakeSlack.get().member(linSlack, "lin", lin.email());
        String bobSlack = "U" + id();
        FakeSlack.get().member(bobSlack, "Bob Builder", "bob-" + id() + "@elsewhere.test");
        String group = "S" + id();
        FakeSlack.get().group(group, List.of(kateSlack, linSlack, bobSlack, adaSlack));
        long incident = incident(ada, "Checkout errors", "SEV2");

        String answer = say(adaSlack, "page INC-" + incident + " <!subteam^" + group + "|@oncall-payments>", general);
        assertThat(answer)
                .startsWith("Paging Kate Johnson, Lin Wei (@oncall-payments) for INC-" + incident + "…")
                .contains("Not paged, no Cairn account: Bob Builder.")
                .contains("You are in @oncall-payments too; you were not paged.");
        assertThat(FakeSlack.get().callsTo("usergroups.users.list", "usergroup", group))
                .isEqualTo(1);

        jobs.runDue();
        await().atMost(Duration.ofSeconds(15)).until(() -> pages(incident).size() == 2);
        assertThat(pages(incident))
                .extracting(p -> p.get("policyName").asString())
                .containsExactlyInAnyOrder("Direct to Kate Johnson", "Direct to Lin Wei");
        assertThat(pages(incident))
                .extracting(p -> p.get("title").asString())
                .containsOnly("Needed in INC-" + incident + ": Checkout errors");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(FakeSlack.get().responses)
                        .anySatisfy(r -> assertThat(r).contains("Paged Kate Johnson (page #", "Lin Wei (page #")));

        assertThat(say(adaSlack, "page INC-" + incident + " <!subteam^SNOSUCH|@ghosts>", general))
                .startsWith("Cairn could not read the group @ghosts from Slack");
        String strangers = "S" + id();
        FakeSlack.get().group(strangers, List.of(bobSlack));
        assertThat(say(adaSlack, "page INC-" + incident + " <!subteam^" + strangers + "|@contractors>", general))
                .isEqualTo("Nobody in @contractors was paged.\nNot paged, no Cairn account: Bob Builder.");
    }

    private JsonNode incidentJson(long incident) {
        return ada.api().get("/api/v1/incidents/" + incident).json();
    }

    private List<JsonNode> updates(long incident) {
        return StreamSupport.stream(
                        ada.api()
                                .get("/api/v1/incidents/" + incident + "/timeline?limit=100")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .filter(e -> e.get("kind").asString().equals("update"))
                .toList();
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

    /** The ephemeral answer to {@code /incident <text>} typed by {@code user} in {@code channel}. */
    private String say(String user, String text, String channel) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("command", "/incident");
        fields.put("text", text);
        fields.put("user_id", user);
        fields.put("channel_id", channel);
        fields.put("response_url", FakeSlack.get().responseUrl(id()));
        HttpResponse<String> answer = slack.command(fields, clock.instant());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return dev.cairn.support.Api.JSON.readTree(answer.body()).get("text").asString();
    }
}
