package dev.cairn.alerting.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alerting pages through real forms and real hook requests: what people see and can do. */
class AlertingPagesTest extends IntegrationTest {

    private static final Pattern DETAIL_LINK = Pattern.compile("href=\"/integrations/(\\d+)\"");

    private Browser signedIn(Role role) {
        Person person = person(role);
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What the page shows once after create or rotate. */
    private record Shown(long id, String url, String body) {
        String token() {
            return url.substring(url.lastIndexOf('/') + 1);
        }

        String path() {
            return url.substring(url.indexOf("/hooks/"));
        }
    }

    private static Shown shown(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher url =
                Pattern.compile("value=\"([^\"]+)\" data-testid=\"hook-url\"").matcher(response.body());
        assertThat(url.find()).as("hook URL on the page").isTrue();
        Matcher id = DETAIL_LINK.matcher(response.body());
        assertThat(id.find()).isTrue();
        return new Shown(Long.parseLong(id.group(1)), url.group(1), response.body());
    }

    private Shown create(Browser browser, Map<String, String> fields) {
        return shown(browser.postForm("/integrations", fields, "/integrations/new"));
    }

    private static Api anonymous(int port) {
        return new Api("http://localhost:" + port, null);
    }

    private static String firing(String summary, String fingerprint) {
        return """
                {"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X","severity":"critical"},
                "annotations":{"summary":"%s"},"fingerprint":"%s"}]}""".formatted(summary, fingerprint);
    }

    @Test
    void creatingAnAlertmanagerIntegrationShowsItsUrlOnceAndItsAlertsAppear() {
        Browser responder = signedIn(Role.RESPONDER);
        assertThat(responder.get("/integrations").body()).contains("data-testid=\"new-integration\"");
        assertThat(responder.get("/integrations/new").body())
                .contains("Prometheus Alertmanager", "Any JSON webhook", "PagerDuty Events v2");
        String name = unique("Prometheus");

        Shown created = create(responder, Map.of("name", name, "kind", "alertmanager", "serviceId", ""));
        assertThat(created.url()).startsWith("http://localhost:" + port + "/hooks/alertmanager/");
        assertThat(created.body())
                .contains(
                        "will not show it again",
                        "webhook_configs:",
                        "url: &#39;" + created.url(),
                        "send_resolved: true");

        String detail = responder.get("/integrations/" + created.id()).body();
        assertThat(detail)
                .contains(name, "…" + created.token().substring(created.token().length() - 4));
        assertThat(detail).doesNotContain(created.token());
        assertThat(responder.get("/integrations").body()).contains(name).doesNotContain(created.token());

        String disk = unique("Disk full");
        Api.Response accepted = anonymous(port).post(created.path(), firing(disk, "f1-" + UUID.randomUUID()));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        assertThat(responder.get("/alerts").body()).contains(disk, "firing", name);
        assertThat(responder
                        .get("/alerts?status=firing&integration=" + created.id())
                        .body())
                .contains(disk, "data-local=\"datetime\"");
        assertThat(responder
                        .get("/alerts?status=resolved&integration=" + created.id())
                        .body())
                .contains("No alert matches these filters.")
                .doesNotContain(disk);
    }

    @Test
    void aRefusedPayloadShowsOnTheDetailPage() {
        Browser responder = signedIn(Role.RESPONDER);
        Shown created = create(responder, Map.of("name", unique("Grafana"), "kind", "grafana"));
        assertThat(created.body()).contains("Contact points", created.url());
        assertThat(responder.get("/integrations/" + created.id()).body()).contains("data-testid=\"no-rejected\"");

        Api.Response refused = anonymous(port).post(created.path(), "{\"nonsense-marker\": true}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);

        String detail = responder.get("/integrations/" + created.id()).body();
        assertThat(detail)
                .contains("data-testid=\"rejected-reason\"", "<details", "nonsense-marker")
                .doesNotContain("data-testid=\"no-rejected\"");
    }

    @Test
    void aGenericMappingIsCheckedOnTheFormAndPreviewedAgainstASample() {
        Browser responder = signedIn(Role.RESPONDER);
        Map<String, String> fields = new LinkedHashMap<>(Map.of(
                "name", unique("Uptime checker"),
                "kind", "generic",
                "title", "",
                "dedupKey", "/id",
                "severity", "/level",
                "status", "/state",
                "resolvedValues", "up, ok"));
        HttpResponse<String> missing = responder.postForm("/integrations", fields, "/integrations/new");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("data-testid=\"error-title\"", "Title is required", "value=\"/level\"");

        fields.put("title", "/alert/title");
        Shown created = create(responder, fields);
        assertThat(created.url()).contains("/hooks/generic/");
        assertThat(created.body()).contains("curl -X POST", "Disk full on db1");
        String page = "/integrations/" + created.id();
        assertThat(responder.get(page).body()).contains("/alert/title", "Try the mapping");

        HttpResponse<String> good = responder.postForm(
                page + "/preview",
                Map.of("sample", "{\"alert\": {\"title\": \"Queue stuck\"}, \"id\": \"q1\", \"level\": \"warning\"}"),
                page);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).contains("data-testid=\"preview-title\">Queue stuck<", "q1", "warning", "trigger");

        HttpResponse<String> bad = responder.postForm(page + "/preview", Map.of("sample", "{\"id\": \"q1\"}"), page);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body())
                .contains("data-testid=\"preview-error\"", "<code>title</code>", "nothing at JSON pointer /alert/title")
                .doesNotContain("data-testid=\"preview\"");
    }

    @Test
    void viewersSeeButCannotCreate() {
        Browser viewer = signedIn(Role.VIEWER);
        HttpResponse<String> list = viewer.get("/integrations");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("data-testid=\"new-integration\"", "href=\"/integrations/new\"");
        assertThat(viewer.get("/integrations/new").statusCode()).isEqualTo(403);
        HttpResponse<String> post =
                viewer.postForm("/integrations", Map.of("name", "Sneaky", "kind", "alertmanager"), "/integrations");
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(viewer.get("/alerts").statusCode()).isEqualTo(200);
    }

    @Test
    void rotatingShowsANewUrlAndTheOldOneStopsWorkingAndDisablingRefusesAlerts() {
        Browser responder = signedIn(Role.RESPONDER);
        Shown first = create(responder, Map.of("name", unique("Rotated"), "kind", "alertmanager"));
        String page = "/integrations/" + first.id();
        assertThat(anonymous(port).post(first.path(), firing("before", "r1")).status())
                .isEqualTo(200);

        Shown rotated = shown(responder.postForm(page + "/rotate", Map.of(), page));
        assertThat(rotated.body()).contains("has a new URL", "old <span>URL</span> has stopped working");
        assertThat(rotated.url())
                .isNotEqualTo(first.url())
                .startsWith("http://localhost:" + port + "/hooks/alertmanager/");
        assertThat(anonymous(port).post(first.path(), firing("old", "r2")).status())
                .isEqualTo(404);
        assertThat(anonymous(port).post(rotated.path(), firing("new", "r3")).status())
                .isEqualTo(200);
        assertThat(responder.get(page).body()).contains("Token rotated").doesNotContain(rotated.token());

        HttpResponse<String> disabled = responder.postForm(page + "/active", Map.of("active", "false"), page);
        assertThat(location(disabled)).endsWith(page);
        assertThat(responder.get(page).body()).contains("Disabled: its URL now refuses alerts", "Enable");
        assertThat(anonymous(port).post(rotated.path(), firing("off", "r4")).status())
                .isEqualTo(404);

        responder.postForm(page + "/active", Map.of("active", "true"), page);
        assertThat(anonymous(port).post(rotated.path(), firing("on", "r5")).status())
                .isEqualTo(200);
    }

    @Test
    void pagerDutyIntegrationsShowTheEventsUrlAndRoutingKey() {
        Browser responder = signedIn(Role.RESPONDER);
        HttpResponse<String> response = responder.postForm(
                "/integrations", Map.of("name", unique("Legacy"), "kind", "pagerduty"), "/integrations/new");
        Shown created = shown(response);
        assertThat(created.url()).isEqualTo("http://localhost:" + port + "/v2/enqueue");
        Matcher key = Pattern.compile("value=\"([^\"]+)\" data-testid=\"routing-key\"")
                .matcher(created.body());
        assertThat(key.find()).isTrue();
        assertThat(created.body()).contains("&quot;routing_key&quot;: &quot;" + key.group(1));
        assertThat(responder.get("/integrations/" + created.id()).body()).doesNotContain(key.group(1));
    }
}
