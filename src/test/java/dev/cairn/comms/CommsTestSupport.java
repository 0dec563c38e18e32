package dev.cairn.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What the audience update tests share: incidents, audiences and recipients through the API. */
abstract class CommsTestSupport extends IntegrationTest {

    @Autowired
    protected Jobs jobs;

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String address(String who) {
        return unique(who) + "@mail.cairn.test";
    }

    protected static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
    }

    protected long service(String name) {
        Response created = admin().post("/api/v1/services", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    protected static long declare(Api api, String title, String severity, String type, Long serviceId) {
        Response created = api.post(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\",\"type\":\"" + type + "\""
                        + (serviceId == null ? "" : ",\"serviceIds\":[" + serviceId + "]") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    protected static void role(Api api, long incident, String role, long userId) {
        Response r = api.put("/api/v1/incidents/" + incident + "/roles/" + role, "{\"userId\":" + userId + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    protected static long starred(Api api, long incident, String body) {
        Response posted = api.post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"" + body + "\"}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        long id = posted.json().get("id").asLong();
        Response star = api.patch("/api/v1/timeline/" + id, "{\"starred\":true}");
        assertThat(star.status()).as(star.body()).isEqualTo(200);
        return id;
    }

    /** A fresh audience with no cadence (so it never reminds anyone in other tests). */
    protected JsonNode audience(String name, String template) {
        Response created = admin().post(
                        "/api/v1/audiences",
                        Api.JSON.writeValueAsString(java.util.Map.of(
                                "name", name, "subjectTemplate", "{{title}} ({{audience}})", "template", template)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    protected JsonNode recipient(long audienceId, String channel, String address) {
        Response added = admin().post(
                        "/api/v1/audiences/" + audienceId + "/recipients",
                        "{\"channel\":\"" + channel + "\",\"address\":\"" + address + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json();
    }

    protected static List<JsonNode> timeline(Api api, long incident, String kind) {
        JsonNode items = api.get("/api/v1/incidents/" + incident + "/timeline?limit=200")
                .json()
                .get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("kind").asString().equals(kind))
                .toList();
    }

    protected static Response send(Api api, long incident, String json) {
        return api.post("/api/v1/incidents/" + incident + "/updates", json);
    }
}
