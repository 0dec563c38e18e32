package dev.cairn.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Publishing is an explicit act with its own wording: the public sees only that wording, right
 * after it is published; private incidents and drills are refused and never appear anywhere public.
 */
class StatusPagePublishingTest extends StatusPageSupport {

    @Test
    void thePublicPageShowsOnlyThePublishedWordingRightAfterPublishing() {
        String tag = tag();
        Person ada = person(Role.RESPONDER);
        long service = service("ledger-internal-" + tag);
        long checkout = component("Checkout " + tag, List.of(service));
        long incident = declare(ada.api(), "DB primary failover " + tag, "default", List.of(service));
        ada.api().post("/api/v1/incidents/" + incident + "/timeline", "{\"body\":\"timeline secret " + tag + "\"}");

        Api.Response published = publish(
                ada.api(),
                incident,
                "Payments are slow " + tag,
                "Some payments take longer <b>than usual</b> & we are on it " + tag,
                "investigating",
                Map.of(checkout, "partial_outage"));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        long statusIncident = published.json().get("id").asLong();

        String page = publicBody("/status");
        assertThat(page)
                .contains("Payments are slow " + tag, "Checkout " + tag, "Partial outage")
                .contains("Some payments take longer &lt;b&gt;than usual&lt;/b&gt; &amp; we are on it " + tag)
                .doesNotContain("<b>than usual</b>");
        String everything = everythingPublic();
        assertThat(everything)
                .doesNotContain("DB primary failover " + tag)
                .doesNotContain("Internal summary")
                .doesNotContain("ledger-internal-" + tag)
                .doesNotContain("timeline secret " + tag)
                .doesNotContain("INC-" + incident)
                .doesNotContain(ada.email())
                .doesNotContain("Test responder");

        Api.Response update = post(
                ada.api(), statusIncident, "A fix is rolling out " + tag, "monitoring", Map.of(checkout, "degraded"));
        assertThat(update.status()).as(update.toString()).isEqualTo(201);
        assertThat(publicBody("/status"))
                .as("visible on the same node right after the update, without waiting for a refresh")
                .contains("A fix is rolling out " + tag, "Monitoring");
        assertThat(publicBody("/status/incidents/" + statusIncident))
                .contains("A fix is rolling out " + tag, "Some payments take longer");

        JsonNode timeline = ada.api()
                .get("/api/v1/incidents/" + incident + "/timeline?limit=200")
                .json()
                .get("items");
        List<String> recorded = new java.util.ArrayList<>();
        timeline.forEach(e -> {
            if ("status_page_published".equals(e.get("kind").asString())) {
                recorded.add(e.get("body").asString());
            }
        });
        assertThat(recorded)
                .anyMatch(b -> b.contains("Published to the status page as \"Payments are slow " + tag + "\""))
                .anyMatch(b -> b.contains("Status page updated (monitoring): A fix is rolling out " + tag));

        JsonNode listed = ada.api().get("/api/v1/status-page/incidents?limit=1").json();
        assertThat(listed.get("items").get(0).get("id").asLong()).isEqualTo(statusIncident);
        assertThat(listed.get("items").get(0).get("incidentId").asLong())
                .as("Cairn users see the link to the internal incident")
                .isEqualTo(incident);

        post(ada.api(), statusIncident, "Resolved " + tag, "resolved", null);
        assertThat(publicBody("/status/api/v1/summary.json")).doesNotContain("A fix is rolling out " + tag);
    }

    @Test
    void privateIncidentsAndDrillsAreRefusedAndNeverAppearAnywherePublic() {
        String tag = tag();
        Person ada = person(Role.RESPONDER);
        long component = component("Search " + tag, List.of());
        long secret = declare(ada.api(), "Secret acquisition " + tag, "private", List.of());
        long drill = declare(ada.api(), "Game day " + tag, "drill", List.of());

        Api.Response refusedPrivate = publish(
                ada.api(),
                secret,
                "Private wording " + tag,
                "Private message " + tag,
                "investigating",
                Map.of(component, "major_outage"));
        assertThat(refusedPrivate.status()).as(refusedPrivate.toString()).isEqualTo(409);
        assertThat(refusedPrivate.body()).contains("Private incidents are never published");
        Api.Response refusedDrill = publish(
                ada.api(),
                drill,
                "Drill wording " + tag,
                "Drill message " + tag,
                "investigating",
                Map.of(component, "major_outage"));
        assertThat(refusedDrill.status()).as(refusedDrill.toString()).isEqualTo(409);
        assertThat(refusedDrill.body()).contains("Drills are never published");

        // One published while real, then made private: it leaves the page at once.
        long turned = declare(ada.api(), "Turned private " + tag, "default", List.of());
        assertThat(publish(
                                ada.api(),
                                turned,
                                "Later hidden " + tag,
                                "Hidden message " + tag,
                                "identified",
                                Map.of(component, "major_outage"))
                        .status())
                .isEqualTo(201);
        assertThat(publicBody("/status")).contains("Later hidden " + tag);
        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + turned, "{\"type\":\"private\"}")
                        .status())
                .isEqualTo(200);

        String everything = everythingPublic();
        for (String text : List.of(
                "Secret acquisition",
                "Private wording",
                "Private message",
                "Game day",
                "Drill wording",
                "Drill message",
                "Turned private",
                "Later hidden",
                "Hidden message")) {
            assertThat(everything).doesNotContain(text + " " + tag);
        }
        assertThat(publicBody("/status"))
                .as("the component is shown, but no longer as affected by what was withdrawn")
                .containsPattern("Search " + tag + "[\\s\\S]{0,200}Operational");

        // Real again: it can be published anew, in new wording.
        assertThat(ada.api()
                        .patch("/api/v1/incidents/" + turned, "{\"type\":\"default\"}")
                        .status())
                .isEqualTo(200);
        assertThat(publish(
                                ada.api(),
                                turned,
                                "Published again " + tag,
                                "Back on the page " + tag,
                                "monitoring",
                                Map.of(component, "degraded"))
                        .status())
                .isEqualTo(201);
        assertThat(publicBody("/status")).contains("Published again " + tag);
        assertThat(publicBody("/status")).contains("Search " + tag);
        assertThat(publish(ada.api(), turned, "Again " + tag, "Again " + tag, "identified", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void viewersCannotPublishAndOnlyAdminsConfigure() {
        String tag = tag();
        Person viewer = person(Role.VIEWER);
        Person ada = person(Role.RESPONDER);
        long incident = declare(ada.api(), "Perm " + tag, "default", List.of());
        assertThat(publish(viewer.api(), incident, "t", "m", "investigating", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(ada.api()
                        .post("/api/v1/status-page/components", "{\"name\":\"Nope " + tag + "\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api()
                        .post(
                                "/api/v1/status-page/maintenances",
                                "{\"title\":\"x\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-01T01:00:00Z\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api().get("/api/v1/status-page/components").status()).isEqualTo(200);
        Api.Response invalid = publish(ada.api(), incident, " ", "m", "investigating", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("title");
        assertThat(publish(ada.api(), incident, "Perm ok " + tag, "m", "investigating", Map.of())
                        .status())
                .isEqualTo(201);
        assertThat(publish(ada.api(), incident, "Twice " + tag, "m", "investigating", Map.of())
                        .status())
                .as("one status page incident per incident: post updates to it")
                .isEqualTo(409);
    }

    @Test
    void uptimeCountsMajorOutageFullyAndPartialOutageHalf() {
        String tag = tag();
        Person ada = person(Role.RESPONDER);
        long api = component("API " + tag, List.of());
        long web = component("Web " + tag, List.of());
        long incident = declare(ada.api(), "Uptime " + tag, "default", List.of());
        long statusIncident = publish(
                        ada.api(),
                        incident,
                        "API down " + tag,
                        "Down",
                        "identified",
                        Map.of(api, "major_outage", web, "degraded"))
                .json()
                .get("id")
                .asLong();
        clock.advance(Duration.ofHours(2));
        post(ada.api(), statusIncident, "Recovering", "monitoring", Map.of(api, "partial_outage"));
        clock.advance(Duration.ofHours(2));
        post(ada.api(), statusIncident, "Fixed", "resolved", null);

        Instant now = clock.instant();
        Instant from = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .minusDays(89)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        double window = Duration.between(from, now).toMillis();
        double apiDown = Duration.ofHours(3).toMillis(); // 2 h × 1 + 2 h × 0.5
        double webDown = Duration.ofHours(2).toMillis() * 0.1; // degraded for 2 h, then operational
        JsonNode components =
                Api.JSON.readTree(publicBody("/status/api/v1/summary.json")).get("components");
        Map<String, Double> uptime = new java.util.HashMap<>();
        components.forEach(
                c -> uptime.put(c.get("name").asString(), c.get("uptime90d").asDouble()));
        assertThat(uptime.get("API " + tag)).isEqualTo(Math.floor((1 - apiDown / window) * 10000) / 100);
        assertThat(uptime.get("Web " + tag)).isEqualTo(Math.floor((1 - webDown / window) * 10000) / 100);
        assertThat(uptime.get("API " + tag)).isLessThan(100.0);
        assertThat(publicBody("/status")).contains("a partial outage half");
    }

    @Test
    void maintenanceIsShownAsUpcomingThenInProgress() {
        String tag = tag();
        long db = component("Database " + tag, List.of());
        Instant start = clock.instant().plus(Duration.ofHours(1));
        Api.Response created = admin().post(
                        "/api/v1/status-page/maintenances",
                        "{\"title\":\"Upgrade " + tag + "\",\"description\":\"Short read-only period\",\"startsAt\":\""
                                + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(2)) + "\",\"componentIds\":["
                                + db + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(publicBody("/status")).containsPattern("data-state=\"scheduled\"[\\s\\S]*Upgrade " + tag);
        JsonNode json = Api.JSON.readTree(publicBody("/status/api/v1/summary.json"));
        assertThat(json.get("maintenances").toString()).contains("Upgrade " + tag, "scheduled");

        clock.advance(Duration.ofMinutes(90));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(publicBody("/status"))
                        .containsPattern("data-state=\"in_progress\"[\\s\\S]*Upgrade " + tag));
        assertThat(publicBody("/status")).containsPattern("Database " + tag + "[\\s\\S]{0,200}Under maintenance");
        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(publicBody("/status")).doesNotContain("Upgrade " + tag));
    }

    @Test
    void thePageIsPublicCacheableAndAnswersNotModified() {
        HttpResponse<String> first = publicGet("/status", Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = publicGet("/status", Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(publicGet("/status/feed.atom", Map.of()).headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
    }
}
