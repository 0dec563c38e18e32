package dev.cairn.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Helpers for the status page tests: set-up through the API, anonymous reads of the public page. */
abstract class StatusPageSupport extends IntegrationTest {

    private final HttpClient anonymous =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Browser signedIn(Person person) {
        Browser browser = new Browser(port);
        assertThat(Browser.location(browser.signIn(person.email(), person.password())))
                .doesNotContain("error");
        return browser;
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A GET with no cookie and no token, as the public sends it. */
    HttpResponse<String> publicGet(String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(20));
            headers.forEach(request::header);
            return anonymous.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String publicBody(String path) {
        HttpResponse<String> response = publicGet(path, Map.of());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** Everything the public can read: the page, its history, the feeds and the JSON. */
    String everythingPublic() {
        return publicBody("/status")
                + publicBody("/status/history")
                + publicBody("/status/feed.atom")
                + publicBody("/status/feed.rss")
                + publicBody("/status/api/v1/summary.json");
    }

    long service(String name) {
        Api.Response created = admin().post("/api/v1/services", "{\"name\":\"" + name + "\",\"tier\":2}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    long component(String name, List<Long> services) {
        Api.Response created = admin().post(
                        "/api/v1/status-page/components",
                        "{\"name\":\"" + name + "\",\"serviceIds\":" + services + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    long declare(Api api, String title, String type, List<Long> services) {
        Api.Response created = api.post(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"summary\":\"Internal summary " + title
                        + "\",\"severity\":\"SEV2\",\"type\":\"" + type + "\",\"serviceIds\":" + services + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static String impacts(Map<Long, String> impacts) {
        return impacts.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    Api.Response publish(
            Api api, long incident, String title, String message, String status, Map<Long, String> impacts) {
        return api.post(
                "/api/v1/status-page/incidents",
                "{\"incidentId\":" + incident + ",\"title\":" + json(title) + ",\"message\":" + json(message)
                        + ",\"status\":\"" + status + "\",\"impacts\":" + impacts(impacts) + "}");
    }

    Api.Response post(Api api, long statusIncident, String message, String status, Map<Long, String> impacts) {
        return api.post(
                "/api/v1/status-page/incidents/" + statusIncident + "/updates",
                "{\"message\":" + json(message) + ",\"status\":\"" + status + "\""
                        + (impacts == null ? "" : ",\"impacts\":" + impacts(impacts)) + "}");
    }

    static String json(String text) {
        return Api.JSON.writeValueAsString(text);
    }
}
