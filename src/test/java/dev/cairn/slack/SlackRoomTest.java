package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Actor;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Declaring creates the incident's Slack channel through the outbox: a taken name gets a number,
 * the reporter, the service's owners and its on-call person are invited, a summary card is posted,
 * pinned and kept current (a burst of changes is one edit), and the checklist is posted with a
 * button per item that ticks in Cairn, as ticking in the web edits the Slack message.
 */
class SlackRoomTest extends SlackTest {

    @Autowired
    Teams teams;

    @Test
    void declaringOpensAChannelWithThePeopleTheCardAndTheChecklistKeptInStep() {
        FakeSlack fake = FakeSlack.get();
        Person ada = responder();
        String adaSlack = "U" + id();
        users.update(ada.id(), null, null, null, adaSlack, null, Actor.SYSTEM);
        Person grace = responder();
        String graceSlack = "U" + id();
        fake.member(graceSlack, "grace", grace.email());
        Person kate = responder();
        String kateSlack = "U" + id();
        users.update(kate.id(), null, null, null, kateSlack, null, Actor.SYSTEM);
        TeamView team = teams.create("Payments " + id(), "", Actor.SYSTEM);
        teams.addMember(team.id(), grace.id(), Actor.SYSTEM);
        long service = admin().post(
                        "/api/v1/services",
                        "{\"name\":\"payments-" + id().toLowerCase(Locale.ROOT) + "\",\"ownerTeamId\":" + team.id()
                                + ",\"tier\":1}")
                .json()
                .get("id")
                .asLong();
        Api.Response policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Payments " + id() + "\",\"serviceIds\":[" + service
                                + "],\"steps\":[{\"delayMinutes\":5," + "\"targets\":[{\"kind\":\"user\",\"id\":"
                                + kate.id() + "}]}]}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        String word = "quokka" + id().replaceAll("[0-9]", "").toLowerCase(Locale.ROOT);
        fake.nameTaken(word);

        Api.Response declared = ada.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Payments down: " + word + "!\",\"severity\":\"SEV1\",\"serviceIds\":[" + service
                                + "]}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        long incident = declared.json().get("id").asLong();

        drive(() -> !channelOf(ada, incident).isEmpty());
        String channel = channelOf(ada, incident);
        String name = "inc-" + incident + "-payments-down-" + word;
        assertThat(fake.calls.stream()
                        .filter(c -> c.method().equals("conversations.create")
                                && c.form().get("name").startsWith("inc-" + incident + "-"))
                        .map(c -> c.form().get("name")))
                .containsExactly(name, name + "-2");

        drive(() -> fake.callsTo("conversations.invite", "channel", channel) == 2
                && fake.last("pins.add", "channel", channel).isPresent()
                && fake.callsIn("chat.postMessage", channel).size() >= 2);
        List<String> invited = fake.callsIn("conversations.invite", channel).stream()
                .flatMap(f -> List.of(f.get("users").split(",")).stream())
                .toList();
        assertThat(invited).containsExactlyInAnyOrder(adaSlack, kateSlack, graceSlack);
        Map<String, String> card = fake.callsIn("chat.postMessage", channel).getFirst();
        assertThat(card.get("blocks"))
                .contains(
                        "INC-" + incident + " · Payments down",
                        "SEV1",
                        "Incident commander",
                        "nobody yet",
                        "payments-");
        String cardTs = fake.last("pins.add", "channel", channel).orElseThrow().get("timestamp");
        Map<String, String> checklist =
                fake.callsIn("chat.postMessage", channel).get(1);
        assertThat(checklist.get("blocks")).contains("Checklist for SEV1", "cairn_check_", ":white_square:");
        assertThat(timeline(ada, incident))
                .anyMatch(body -> body.equals("Slack channel #" + name + "-2 created for this incident"));

        // The card is edited once its ts is known; a burst of changes afterwards is one more edit.
        drive(() -> editsOf(channel, cardTs) >= 1 && editsOf(channel, checklistTs(channel)) >= 1);
        long before = editsOf(channel, cardTs);
        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + incident, "{\"severity\":\"SEV2\"}")
                        .status())
                .isEqualTo(200);
        assertThat(ada.api()
                        .put("/api/v1/incidents/" + incident + "/roles/commander", "{\"userId\":" + kate.id() + "}")
                        .status())
                .isEqualTo(200);
        drive(() -> editsOf(channel, cardTs) == before + 1);
        String edited = lastEdit(channel, cardTs).get("blocks");
        assertThat(edited).contains("SEV2").contains("Test responder").doesNotContain("SEV1");

        // Ticking in Slack ticks in Cairn as the person who clicked, on the timeline too.
        JsonNode items = ada.api()
                .get("/api/v1/incidents/" + incident + "/checklist")
                .json()
                .get("items");
        long first = items.get(0).get("id").asLong();
        long second = items.get(1).get("id").asLong();
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + adaSlack + "\"},\"channel\":{\"id\":\""
                + channel + "\"},\"actions\":[{\"action_id\":\"cairn_check_" + first + "\",\"value\":\"check:"
                + incident + ":" + first + ":1\",\"type\":\"button\"}]}";
        assertThat(interaction(payload).statusCode()).isEqualTo(200);
        JsonNode ticked = ada.api()
                .get("/api/v1/incidents/" + incident + "/checklist")
                .json()
                .get("items")
                .get(0);
        assertThat(ticked.get("tickedBy").asLong()).isEqualTo(ada.id());
        assertThat(timeline(ada, incident)).anyMatch(b -> b.startsWith("Ticked: ") && b.endsWith("(Test responder)"));
        String checkTs = checklistTs(channel);
        long checklistEdits = editsOf(channel, checkTs);
        drive(() -> editsOf(channel, checkTs) > checklistEdits
                && lastEdit(channel, checkTs).get("blocks").contains(":white_check_mark:"));

        // Ticking in the web edits the Slack message too.
        long afterSlackTick = editsOf(channel, checkTs);
        assertThat(kate.api()
                        .post("/api/v1/incidents/" + incident + "/checklist/" + second + "/tick", "")
                        .status())
                .isEqualTo(200);
        drive(() -> editsOf(channel, checkTs) > afterSlackTick);
        assertThat(lastEdit(channel, checkTs).get("blocks")).contains("2 of ");
    }

    @Test
    void closingTheIncidentSaysSoInTheChannelThenArchivesIt() {
        FakeSlack fake = FakeSlack.get();
        Person ada = responder();
        users.update(ada.id(), null, null, null, "U" + id(), null, Actor.SYSTEM);
        long incident = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Typo on the pricing page\",\"severity\":\"SEV4\"}")
                .json()
                .get("id")
                .asLong();
        drive(() -> !channelOf(ada, incident).isEmpty());
        String channel = channelOf(ada, incident);
        drive(() -> fake.last("pins.add", "channel", channel).isPresent());

        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + incident, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);
        assertThat(fake.callsTo("conversations.archive", "channel", channel))
                .as("resolved is not closed")
                .isZero();
        Api.Response closed = ada.api().patch("/api/v1/incidents/" + incident, "{\"status\":\"closed\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);

        drive(() -> fake.callsTo("conversations.archive", "channel", channel) == 1);
        List<String> order = fake.calls.stream()
                .filter(c -> channel.equals(c.form().get("channel")))
                .map(c -> c.method() + ":" + c.form().getOrDefault("text", ""))
                .toList();
        int said = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).startsWith("chat.postMessage:INC-" + incident + " is closed")) {
                said = i;
            }
        }
        assertThat(said).as("the last message: " + order).isNotNegative();
        assertThat(order.getLast()).isEqualTo("conversations.archive:");
        assertThat(order.subList(said + 1, order.size() - 1))
                .as("nothing edited between the last message and the archive")
                .isEmpty();

        // Archived once, whatever happens next; a post in the web room no longer goes to Slack.
        long posts = fake.callsIn("chat.postMessage", channel).size();
        assertThat(ada.api()
                        .post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"Follow-up in the review\"}")
                        .status())
                .isIn(201, 409);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(4));
            jobs.runDue();
        }
        assertThat(fake.callsTo("conversations.archive", "channel", channel)).isEqualTo(1);
        assertThat(fake.callsIn("chat.postMessage", channel)).hasSize((int) posts);
    }

    @Test
    void aPrivateIncidentGetsAPrivateChannelWithOnlyItsReporterInvited() {
        Person ada = responder();
        String adaSlack = "U" + id();
        users.update(ada.id(), null, null, null, adaSlack, null, Actor.SYSTEM);
        Person owner = responder();
        users.update(owner.id(), null, null, null, "U" + id(), null, Actor.SYSTEM);
        TeamView team = teams.create("Secrets " + id(), "", Actor.SYSTEM);
        teams.addMember(team.id(), owner.id(), Actor.SYSTEM);
        long service = admin().post(
                        "/api/v1/services",
                        "{\"name\":\"vault-" + id().toLowerCase(Locale.ROOT) + "\",\"ownerTeamId\":" + team.id()
                                + ",\"tier\":1}")
                .json()
                .get("id")
                .asLong();
        long incident = ada.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Secret rotation leak\",\"severity\":\"SEV3\",\"type\":\"private\",\"serviceIds\":["
                                + service + "]}")
                .json()
                .get("id")
                .asLong();
        drive(() -> !channelOf(ada, incident).isEmpty());
        String channel = channelOf(ada, incident);
        assertThat(FakeSlack.get()
                        .last("conversations.create", "name", "inc-" + incident + "-secret-rotation-leak")
                        .orElseThrow()
                        .get("is_private"))
                .isEqualTo("true");
        drive(() -> FakeSlack.get().callsIn("chat.postMessage", channel).size() >= 2
                && !FakeSlack.get().callsIn("conversations.invite", channel).isEmpty());
        assertThat(FakeSlack.get().callsIn("conversations.invite", channel))
                .extracting(f -> f.get("users"))
                .containsExactly(adaSlack);
    }

    private java.net.http.HttpResponse<String> interaction(String payload) {
        return new SignedSlack(port, SECRET)
                .send(
                        "/slack/interactions",
                        "application/x-www-form-urlencoded",
                        "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                        clock.instant(),
                        Map.of());
    }

    private String checklistTs(String channel) {
        // The fake answers posts with increasing ts; the checklist is the second post in the channel.
        return FakeSlack.get().calls.stream()
                .filter(c -> c.method().equals("chat.update")
                        && channel.equals(c.form().get("channel"))
                        && c.form().getOrDefault("blocks", "").contains("cairn_check_"))
                .map(c -> c.form().get("ts"))
                .findFirst()
                .orElse("none");
    }

    private long editsOf(String channel, String ts) {
        return FakeSlack.get().callsIn("chat.update", channel).stream()
                .filter(f -> ts.equals(f.get("ts")))
                .count();
    }

    private Map<String, String> lastEdit(String channel, String ts) {
        return FakeSlack.get().callsIn("chat.update", channel).stream()
                .filter(f -> ts.equals(f.get("ts")))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private String channelOf(Person who, long incident) {
        JsonNode id = who.api()
                .get("/api/v1/incidents/" + incident + "/slack-channel")
                .json()
                .get("channelId");
        return id == null || id.isNull() ? "" : id.asString();
    }

    private List<String> timeline(Person who, long incident) {
        JsonNode items = who.api()
                .get("/api/v1/incidents/" + incident + "/timeline?limit=200")
                .json()
                .get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .map(e -> e.get("body").asString())
                .toList();
    }

    /** Lets the outbox and jobs work: Slack's rate lanes pace by Cairn's clock, so time moves on. */
    private void drive(BooleanSupplier done) {
        try {
            driveOnce(done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "Slack calls: "
                            + FakeSlack.get().calls.stream()
                                    .skip(Math.max(0, FakeSlack.get().calls.size() - 15))
                                    .map(c -> c.method() + " " + c.form().get("channel"))
                                    .toList()
                            + " pending: " + pendingSlack(),
                    e);
        }
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private List<String> pendingSlack() {
        return jdbc.sql("select id || ' ' || topic || ' ' || kind || ' ' || status || ' ' || coalesce(lane, '') || ' '"
                        + " || coalesce(last_error, '') from notification_deliveries where channel = 'SLACK'"
                        + " order by id desc limit 10")
                .query(String.class)
                .list();
    }

    private void driveOnce(BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(150))
                .until(() -> {
                    if (done.getAsBoolean()) {
                        return true;
                    }
                    clock.advance(Duration.ofSeconds(4));
                    jobs.runDue();
                    return false;
                });
    }
}
