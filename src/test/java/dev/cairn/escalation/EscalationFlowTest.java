package dev.cairn.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An alert for a service pages through the service's policy: step by step as the clock moves,
 * until someone acknowledges; resolving the alert ends the page; a step with nobody to page and a
 * page nobody acknowledged become admin alerts; a step's execution running twice fires it once.
 */
class EscalationFlowTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    Jobs jobs;

    @Autowired
    Paging paging;

    @Test
    void anAlertPagesStepByStepUntilAcknowledged() {
        Person first = person(Role.RESPONDER);
        Person second = person(Role.RESPONDER);
        String tag = tag();
        long service = service("Checkout " + tag);
        long schedule = schedule("Checkout primary " + tag, first.id());
        long policy = policy("{\"name\":\"Checkout " + tag + "\",\"serviceIds\":[" + service + "],\"steps\":["
                + "{\"delayMinutes\":10,\"targets\":[{\"kind\":\"schedule\",\"id\":" + schedule + "}]},"
                + "{\"delayMinutes\":10,\"targets\":[{\"kind\":\"user\",\"id\":" + second.id() + "}]}]}");
        assertThat(admin().get("/api/v1/escalation-policies/" + policy)
                        .json()
                        .get("steps")
                        .get(0)
                        .get("targets")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("Checkout primary " + tag);
        String hook = hook(service);

        send(hook, firing("disk-" + tag, "Disk full on db-1"));
        send(hook, firing("disk-" + tag, "Disk full on db-1"));
        JsonNode page = onlyPage(service);
        long id = page.get("id").asLong();
        assertThat(page.get("title").asString()).isEqualTo("Disk full on db-1");
        awaitNotified(id, List.of(first.id()));

        clock.advance(Duration.ofMinutes(9));
        jobs.runDue();
        assertThat(notified(id)).as("nothing before the step's wait is over").containsExactly(first.id());

        clock.advance(Duration.ofMinutes(1));
        jobs.runDue();
        awaitNotified(id, List.of(first.id(), second.id()));

        Response ack = second.api().post("/api/v1/pages/" + id + "/acknowledge", "");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("status").asString()).isEqualTo("acknowledged");
        assertThat(ack.json().get("acknowledgedBy").asLong()).isEqualTo(second.id());
        assertThat(second.api().post("/api/v1/pages/" + id + "/acknowledge", "").status())
                .as("acknowledging twice is harmless")
                .isEqualTo(200);

        clock.advance(Duration.ofHours(1));
        jobs.runDue();
        JsonNode detail = admin().get("/api/v1/pages/" + id).json();
        assertThat(kinds(detail)).containsExactly("opened", "step", "notified", "step", "notified", "acknowledged");
        JsonNode group = admin().get("/api/v1/alert-groups?serviceId=" + service)
                .json()
                .get("items")
                .get(0);
        assertThat(group.get("acknowledgedAt").isNull())
                .as("the alert shows the acknowledgement")
                .isFalse();
        Browser browser = new Browser(port);
        browser.signIn(second.email(), second.password());
        assertThat(browser.get("/services/" + service + "/alerts").body())
                .as("the service's alerts link to their page")
                .contains("href=\"/pages/" + id + "\"", "paging: acknowledged");
        assertThat(browser.get("/alerts?service=" + service).body()).contains("paging: acknowledged");

        send(hook, resolved("disk-" + tag));
        assertThat(admin().get("/api/v1/pages/" + id)
                        .json()
                        .get("page")
                        .get("status")
                        .asString())
                .isEqualTo("resolved");
    }

    @Test
    void resolvingTheAlertEndsThePageAndAViewerCannotAcknowledge() {
        Person ada = person(Role.RESPONDER);
        String tag = tag();
        long service = service("Search " + tag);
        policy("{\"name\":\"Search " + tag + "\",\"serviceIds\":[" + service + "],\"steps\":[{\"delayMinutes\":5,"
                + "\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]}],\"repeat\":2}");
        String hook = hook(service);
        send(hook, firing("lag-" + tag, "Index lag"));
        long id = onlyPage(service).get("id").asLong();
        awaitNotified(id, List.of(ada.id()));
        assertThat(person(Role.VIEWER)
                        .api()
                        .post("/api/v1/pages/" + id + "/acknowledge", "")
                        .status())
                .isEqualTo(403);

        send(hook, resolved("lag-" + tag));
        JsonNode detail = admin().get("/api/v1/pages/" + id).json();
        assertThat(detail.get("page").get("status").asString()).isEqualTo("resolved");
        assertThat(detail.get("page").get("resolvedReason").asString()).isEqualTo("The alert resolved");
        clock.advance(Duration.ofMinutes(30));
        jobs.runDue();
        assertThat(notified(id)).as("no step after the alert resolved").containsExactly(ada.id());

        send(hook, firing("lag-" + tag, "Index lag"));
        List<JsonNode> pages = pages(service);
        assertThat(pages).as("the alert firing again opens a new page").hasSize(2);
    }

    @Test
    void aStepWithNobodyToPageAlertsAdminsAndTheEscalationGoesOn() {
        Person backup = person(Role.RESPONDER);
        String tag = tag();
        long service = service("Billing " + tag);
        long emptyTeam = admin().post("/api/v1/teams", "{\"name\":\"Empty " + tag + "\"}")
                .json()
                .get("id")
                .asLong();
        policy("{\"name\":\"Billing " + tag + "\",\"serviceIds\":[" + service + "],\"steps\":["
                + "{\"delayMinutes\":5,\"targets\":[{\"kind\":\"team\",\"id\":" + emptyTeam + "}]},"
                + "{\"delayMinutes\":5,\"targets\":[{\"kind\":\"user\",\"id\":" + backup.id() + "}]}]}");
        send(hook(service), firing("q-" + tag, "Queue stuck"));
        long id = onlyPage(service).get("id").asLong();

        await().atMost(WAIT)
                .until(() -> kinds(admin().get("/api/v1/pages/" + id).json()).contains("nobody_to_page"));
        List<JsonNode> alerts = StreamSupport.stream(
                        admin().get("/api/v1/admin-alerts").json().spliterator(), false)
                .filter(a -> a.get("pageId").asLong() == id)
                .toList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().get("message").asString()).contains("had nobody to page");
        assertThat(backup.api().get("/api/v1/admin-alerts").status())
                .as("admins only")
                .isEqualTo(403);

        clock.advance(Duration.ofMinutes(5));
        jobs.runDue();
        awaitNotified(id, List.of(backup.id()));

        assertThat(admin().post(
                                "/api/v1/admin-alerts/"
                                        + alerts.getFirst().get("id").asLong() + "/clear",
                                "")
                        .status())
                .isEqualTo(204);
        assertThat(StreamSupport.stream(
                                admin().get("/api/v1/admin-alerts").json().spliterator(), false)
                        .filter(a -> a.get("pageId").asLong() == id))
                .isEmpty();
    }

    @Test
    void aPageNobodyAcknowledgesRepeatsThenAlertsAdmins() {
        Person ada = person(Role.RESPONDER);
        String tag = tag();
        long policy = policy("{\"name\":\"Lonely " + tag + "\",\"repeat\":1,\"steps\":[{\"delayMinutes\":5,"
                + "\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]}]}");
        Response opened = ada.api()
                .post("/api/v1/pages", "{\"policyId\":" + policy + ",\"title\":\"Paged by hand " + tag + "\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.json().get("id").asLong();
        awaitNotified(id, List.of(ada.id()));
        clock.advance(Duration.ofMinutes(5));
        jobs.runDue();
        awaitNotified(id, List.of(ada.id(), ada.id()));
        clock.advance(Duration.ofMinutes(5));
        jobs.runDue();
        await().atMost(WAIT)
                .until(() -> kinds(admin().get("/api/v1/pages/" + id).json()).contains("exhausted"));
        assertThat(StreamSupport.stream(
                                admin().get("/api/v1/admin-alerts").json().spliterator(), false)
                        .filter(a -> a.get("pageId").asLong() == id)
                        .map(a -> a.get("kind").asString()))
                .containsExactly("unacknowledged");
        JsonNode page = admin().get("/api/v1/pages/" + id).json().get("page");
        assertThat(page.get("status").asString())
                .as("still open: anyone can still acknowledge")
                .isEqualTo("triggered");
        assertThat(page.get("nextAt").isNull()).isTrue();
    }

    @Test
    void aStepExecutionThatRunsTwiceFiresOnce() {
        Person ada = person(Role.RESPONDER);
        String tag = tag();
        long policy = policy("{\"name\":\"Twice " + tag + "\",\"steps\":[{\"delayMinutes\":5,"
                + "\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]}]}");
        long id = ada.api()
                .post("/api/v1/pages", "{\"policyId\":" + policy + ",\"title\":\"Twice " + tag + "\"}")
                .json()
                .get("id")
                .asLong();
        awaitNotified(id, List.of(ada.id()));
        // A revived execution of the first step (version 0) after its first run committed.
        paging.fire(id, 0);
        paging.fire(id, 0);
        assertThat(notified(id)).containsExactly(ada.id());
    }

    @Test
    void policiesAreValidatedAndOnlyWritersChangeThem() {
        Response noSteps =
                admin().post("/api/v1/escalation-policies", "{\"name\":\"Empty " + tag() + "\",\"steps\":[]}");
        assertThat(noSteps.status()).isEqualTo(400);
        assertThat(noSteps.json().get("field").asString()).isEqualTo("steps");
        Response unknown = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Ghost " + tag()
                                + "\",\"steps\":[{\"delayMinutes\":5,\"targets\":[{\"kind\":\"user\",\"id\":987654}]}]}");
        assertThat(unknown.json().get("field").asString()).isEqualTo("steps[0].targets[0].id");
        Response badKind = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Kind " + tag()
                                + "\",\"steps\":[{\"delayMinutes\":5,\"targets\":[{\"kind\":\"robot\",\"id\":1}]}]}");
        assertThat(badKind.json().get("field").asString()).isEqualTo("steps[0].targets[0].kind");
        Response noDelay = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Delay " + tag()
                                + "\",\"steps\":[{\"delayMinutes\":0,\"targets\":[{\"kind\":\"user\",\"id\":1}]}]}");
        assertThat(noDelay.json().get("field").asString()).isEqualTo("steps[0].delayMinutes");
        assertThat(person(Role.VIEWER)
                        .api()
                        .post("/api/v1/escalation-policies", "{\"name\":\"x\",\"steps\":[]}")
                        .status())
                .isEqualTo(403);
        assertThat(person(Role.VIEWER).api().get("/api/v1/escalation-policies").status())
                .isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long service(String name) {
        Response created = admin().post("/api/v1/services", "{\"name\":\"" + name + "\",\"tier\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long schedule(String name, long userId) {
        String layer = "{\"name\":\"L\",\"participants\":[" + userId + "],\"start\":\"2020-01-06T00:00:00Z\","
                + "\"handoff\":\"09:00\",\"rotation\":{\"unit\":\"WEEKS\",\"length\":1}}";
        Response created = admin().post(
                        "/api/v1/schedules",
                        "{\"name\":\"" + name + "\",\"timeZone\":\"UTC\",\"layers\":[" + layer + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long policy(String json) {
        Response created = admin().post("/api/v1/escalation-policies", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private String hook(long service) {
        Response created = admin().post(
                        "/api/v1/integrations",
                        "{\"name\":\"esc " + tag() + "\",\"kind\":\"alertmanager\",\"serviceId\":" + service + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("url").asString().replaceFirst("^https?://[^/]+", "");
    }

    private void send(String hook, String body) {
        Response response = api(null).post(hook, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String firing(String fingerprint, String summary) {
        return "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},"
                + "\"annotations\":{\"summary\":\"" + summary + "\"},\"fingerprint\":\"" + fingerprint + "\"}]}";
    }

    private static String resolved(String fingerprint) {
        return "{\"version\":\"4\",\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"A\"},"
                + "\"fingerprint\":\"" + fingerprint + "\"}]}";
    }

    private List<JsonNode> pages(long service) {
        List<Long> groups = StreamSupport.stream(
                        admin().get("/api/v1/alert-groups?limit=200&serviceId=" + service)
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .map(g -> g.get("id").asLong())
                .toList();
        return StreamSupport.stream(
                        admin().get("/api/v1/pages?limit=200")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .filter(p -> !p.get("alertGroupId").isNull()
                        && groups.contains(p.get("alertGroupId").asLong()))
                .toList();
    }

    private JsonNode onlyPage(long service) {
        List<JsonNode> pages = pages(service);
        assertThat(pages).as("one page for the alert, however often it repeats").hasSize(1);
        return pages.getFirst();
    }

    private List<Long> notified(long pageId) {
        return StreamSupport.stream(
                        admin().get("/api/v1/pages/" + pageId)
                                .json()
                                .get("history")
                                .spliterator(),
                        false)
                .filter(e -> e.get("kind").asString().equals("notified"))
                .map(e -> e.get("userId").asLong())
                .toList();
    }

    private void awaitNotified(long pageId, List<Long> expected) {
        jobs.runDue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(notified(pageId)).isEqualTo(expected));
    }

    private static List<String> kinds(JsonNode detail) {
        return StreamSupport.stream(detail.get("history").spliterator(), false)
                .map(e -> e.get("kind").asString())
                .toList();
    }
}
