package dev.cairn.alerting.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The alerts of a service and of an incident, as the service page and the incident room load
 * them, and the same filters in the API; a private incident's alerts stay with its members.
 */
class AlertFragmentsTest extends IntegrationTest {

    private final List<Long> rules = new ArrayList<>();

    @AfterEach
    void removeRules() {
        rules.forEach(id -> admin().delete("/api/v1/routing-rules/" + id));
    }

    private Browser signedIn(Person person) {
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long service(String name) {
        Api.Response created = admin().post("/api/v1/services", "{\"name\":\"" + name + "\",\"tier\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** An Alertmanager integration linked to the service (or none); answers its hook path. */
    private String hook(Long serviceId) {
        Api.Response created = admin().post(
                        "/api/v1/integrations",
                        "{\"name\":\"fragments am\",\"kind\":\"alertmanager\",\"serviceId\":" + serviceId + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("url").asString().replaceFirst("^https?://[^/]+", "");
    }

    private void attachRule(String team, long serviceId) {
        Api.Response created = admin().post(
                        "/api/v1/routing-rules",
                        "{\"name\":\"join " + team + "\",\"matchers\":[{\"label\":\"team\",\"op\":\"=\",\"value\":\""
                                + team + "\"}],\"serviceId\":" + serviceId + ",\"action\":\"attach\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        rules.add(created.json().get("id").asLong());
    }

    private long declare(Person person, String title, long serviceId, String type) {
        Api.Response declared = person.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"" + title + "\",\"severity\":\"SEV2\",\"type\":\"" + type + "\",\"serviceIds\":["
                                + serviceId + "]}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        return declared.json().get("id").asLong();
    }

    private void fire(String hook, String fingerprint, String team, String summary) {
        Api.Response sent = api(null)
                .post(
                        hook,
                        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"team\":\""
                                + team + "\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"" + summary
                                + "\"},\"fingerprint\":\"" + fingerprint + "\"}]}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    }

    private List<String> titles(Api api, String filter) {
        Api.Response page = api.get("/api/v1/alert-groups?limit=200&" + filter);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(page.json().get("items").spliterator(), false)
                .map(g -> g.get("title").asString())
                .toList();
    }

    @Test
    void anAlertOnAServiceShowsOnTheServicePage() {
        String tag = tag();
        long service = service("Payments " + tag);
        Browser viewer = signedIn(person(Role.VIEWER));
        assertThat(viewer.get("/services/" + service).body())
                .contains("hx-get=\"/services/" + service + "/alerts\"", "hx-trigger=\"load\"");
        assertThat(viewer.get("/services/" + service + "/alerts").body())
                .contains("data-testid=\"no-alerts\"", "No alerts routed to this service yet.")
                .doesNotContain("<html");

        String hook = hook(service);
        fire(hook, "p1-" + tag, "nobody-" + tag, "Card declines " + tag);
        fire(hook, "p1-" + tag, "nobody-" + tag, "Card declines " + tag);
        fire(hook(null), "other-" + tag, "nobody-" + tag, "Elsewhere " + tag);

        HttpResponse<String> fragment = viewer.get("/services/" + service + "/alerts");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body())
                .contains("Card declines " + tag, "firing", "×2", "1 firing", "1 alert in all")
                .contains("href=\"/alerts?service=" + service + "\"")
                .doesNotContain("Elsewhere " + tag, "data-testid=\"no-alerts\"");
        assertThat(viewer.get("/alerts?service=" + service).body())
                .contains("Card declines " + tag)
                .doesNotContain("Elsewhere " + tag);
        assertThat(viewer.get("/services/999999999/alerts").statusCode()).isEqualTo(404);
    }

    @Test
    void anAlertAttachedToAnIncidentShowsInTheRoom() {
        String tag = tag();
        long service = service("Search " + tag);
        Person responder = person(Role.RESPONDER);
        long incident = declare(responder, "Search is slow " + tag, service, "default");
        attachRule(tag, service);
        fire(hook(null), "s1-" + tag, tag, "Index lag " + tag);

        Browser viewer = signedIn(person(Role.VIEWER));
        assertThat(viewer.get("/incidents/" + incident).body())
                .contains("hx-get=\"/incidents/" + incident + "/alerts\"", "data-testid=\"incident-alerts\"");
        HttpResponse<String> fragment = viewer.get("/incidents/" + incident + "/alerts");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body())
                .contains("Index lag " + tag, "firing", "href=\"/alerts?incident=" + incident + "\"");
        assertThat(viewer.get("/alerts?incident=" + incident).body())
                .contains("Index lag " + tag, "Search is slow " + tag);

        long quiet = declare(responder, "Quiet " + tag, service("Quiet " + tag), "default");
        assertThat(viewer.get("/incidents/" + quiet + "/alerts").body()).contains("No alerts joined this incident.");
    }

    @Test
    void aPrivateIncidentsAlertsAreOnlyShownToThoseWhoMaySeeIt() {
        String tag = tag();
        long service = service("Vault " + tag);
        Person owner = person(Role.RESPONDER);
        Person outsider = person(Role.RESPONDER);
        long incident = declare(owner, "Credential leak " + tag, service, "private");
        attachRule(tag, service);
        fire(hook(null), "v1-" + tag, tag, "Vault audit spike " + tag);

        assertThat(signedIn(owner).get("/incidents/" + incident + "/alerts").body())
                .contains("Vault audit spike " + tag);
        assertThat(titles(owner.api(), "incidentId=" + incident)).containsExactly("Vault audit spike " + tag);

        Browser other = signedIn(outsider);
        HttpResponse<String> denied = other.get("/incidents/" + incident + "/alerts");
        assertThat(denied.statusCode()).isEqualTo(404);
        assertThat(denied.body()).doesNotContain("Vault audit spike " + tag);
        assertThat(other.get("/alerts?incident=" + incident).statusCode()).isEqualTo(404);
        Api.Response api = outsider.api().get("/api/v1/alert-groups?incidentId=" + incident);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.body()).doesNotContain("Vault audit spike");
    }

    @Test
    void theApiFiltersAlertGroupsByServiceAndIncident() {
        String tag = tag();
        long checkout = service("Checkout " + tag);
        long search = service("Search " + tag);
        long incident = declare(person(Role.RESPONDER), "Checkout errors " + tag, checkout, "default");
        attachRule(tag, checkout);
        fire(hook(null), "c1-" + tag, tag, "Checkout 5xx " + tag);
        fire(hook(search), "s1-" + tag, "nobody-" + tag, "Search lag " + tag);
        fire(hook(checkout), "c2-" + tag, "nobody-" + tag, "Checkout disk " + tag);

        Api reader = person(Role.VIEWER).api();
        assertThat(titles(reader, "serviceId=" + checkout))
                .containsExactlyInAnyOrder("Checkout 5xx " + tag, "Checkout disk " + tag);
        assertThat(titles(reader, "serviceId=" + search)).containsExactly("Search lag " + tag);
        assertThat(titles(reader, "incidentId=" + incident)).containsExactly("Checkout 5xx " + tag);
        assertThat(titles(reader, "serviceId=" + checkout + "&incidentId=" + incident + "&status=resolved"))
                .isEmpty();
        JsonNode group = reader.get("/api/v1/alert-groups?incidentId=" + incident)
                .json()
                .get("items")
                .get(0);
        assertThat(group.get("serviceId").asLong()).isEqualTo(checkout);
        assertThat(reader.get("/api/v1/alert-groups?incidentId=999999999").status())
                .isEqualTo(404);
    }
}
