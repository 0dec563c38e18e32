package dev.cairn.statuspage;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The room card publishes with a form; admins configure the page; the page answers while the database is stuck. */
class StatusPageWebTest extends StatusPageSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void aWriterPublishesFromTheRoomCardAndPostsAnUpdate() {
        String tag = tag();
        Person ada = person(Role.RESPONDER);
        long service = service("queue-" + tag);
        long orders = component("Orders " + tag, List.of(service));
        long incident = declare(ada.api(), "Kafka lag " + tag, "default", List.of(service));
        Browser browser = signedIn(ada);

        assertThat(browser.get("/incidents/" + incident).body())
                .contains("hx-get=\"/incidents/" + incident + "/status-page\"");
        String card = browser.get("/incidents/" + incident + "/status-page").body();
        assertThat(card)
                .contains("data-testid=\"status-page-form\"", "Orders " + tag, "affected service")
                .contains("Not on the public status page");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "Orders delayed " + tag);
        fields.put("message", "Orders are confirmed late " + tag);
        fields.put("status", "identified");
        fields.put("impact." + orders, "partial_outage");
        HttpResponse<String> published =
                browser.postForm("/incidents/" + incident + "/status-page", fields, "/incidents/" + incident);
        assertThat(location(published)).endsWith("/incidents/" + incident);
        assertThat(publicBody("/status")).contains("Orders delayed " + tag, "Orders are confirmed late " + tag);
        assertThat(browser.get("/incidents/" + incident + "/status-page").body())
                .contains("data-testid=\"status-page-published\"", "Orders delayed " + tag, "Post a public update");

        HttpResponse<String> refused = browser.postForm(
                "/incidents/" + incident + "/status-page/updates",
                Map.of("message", " ", "status", "monitoring"),
                "/incidents/" + incident);
        assertThat(refused.body()).contains("data-testid=\"status-page-error\"", "message is required");

        browser.postForm(
                "/incidents/" + incident + "/status-page/updates",
                Map.of("message", "Back to normal " + tag, "status", "resolved"),
                "/incidents/" + incident);
        assertThat(publicBody("/status")).contains("Back to normal " + tag);

        long drill = declare(ada.api(), "Drill " + tag, "drill", List.of());
        assertThat(browser.get("/incidents/" + drill + "/status-page").body())
                .contains("Drills are never published to the status page.")
                .doesNotContain("data-testid=\"status-page-form\"");
        Person viewer = person(Role.VIEWER);
        assertThat(signedIn(viewer)
                        .get("/incidents/" + incident + "/status-page")
                        .body())
                .contains("Orders delayed " + tag)
                .doesNotContain("data-testid=\"status-page-form\"");
    }

    @Test
    void adminsConfigureComponentsAndMaintenanceInTheAdminPageOthersCannot() {
        String tag = tag();
        Person admin = person(Role.ADMIN);
        Person ada = person(Role.RESPONDER);
        Browser browser = signedIn(admin);
        assertThat(browser.get("/incidents").body()).contains("href=\"/admin/status-page\"");
        assertThat(signedIn(ada).get("/incidents").body()).doesNotContain("href=\"/admin/status-page\"");
        assertThat(signedIn(ada).get("/admin/status-page").statusCode()).isEqualTo(403);

        HttpResponse<String> invalid = browser.postForm(
                "/admin/status-page/components", Map.of("name", " ", "group", "Core " + tag), "/admin/status-page");
        assertThat(invalid.body()).contains("data-testid=\"component-error\"", "Name is required", "Core " + tag);
        HttpResponse<String> added = browser.postForm(
                "/admin/status-page/components",
                Map.of("name", "Billing " + tag, "group", "Core " + tag, "displayOrder", "3"),
                "/admin/status-page");
        assertThat(location(added)).endsWith("/admin/status-page");
        String page = browser.get("/admin/status-page").body();
        assertThat(page).contains("Component Billing " + tag + " added.", "Billing " + tag);
        assertThat(admin().get("/api/v1/status-page/components").json().findValues("name"))
                .anyMatch(n -> n.asString().equals("Billing " + tag));
        assertThat(publicBody("/status")).contains("Billing " + tag, "Core " + tag);

        // A refused edit keeps what was typed, open beside its error, and saves nothing.
        long billing = component("Billing, edited " + tag, List.of());
        component("Search " + tag, List.of());
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("name", "Search " + tag);
        typed.put("group", "Typed group " + tag);
        typed.put("displayOrder", "7");
        typed.put("description", "Typed description " + tag);
        HttpResponse<String> refused =
                browser.postForm("/admin/status-page/components/" + billing, typed, "/admin/status-page");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-testid=\"component-edit-error\"", "Name is already the name of another component")
                .contains("value=\"Typed group " + tag + "\"", "value=\"Typed description " + tag + "\"")
                .containsPattern(
                        "<details[^>]*open[^>]*>\\s*<summary class=\"small\">Edit</summary>\\s*<div[^>]*component-edit-error")
                .doesNotContain("name is already");
        assertThat(admin().get("/api/v1/status-page/components/" + billing)
                        .json()
                        .get("name")
                        .asString())
                .as("nothing saved")
                .isEqualTo("Billing, edited " + tag);
        typed.put("name", "Billing, renamed " + tag);
        assertThat(location(browser.postForm("/admin/status-page/components/" + billing, typed, "/admin/status-page")))
                .endsWith("/admin/status-page");
        assertThat(browser.get("/admin/status-page").body())
                .contains("Component Billing, renamed " + tag + " saved.")
                .doesNotContain("component-edit-error");
    }

    @Test
    void adminsEditAMaintenanceWindowOnTheWebAndThePublicPageShowsTheNewTimes() {
        String tag = tag();
        Person admin = person(Role.ADMIN);
        ZoneId zone = ZoneId.of("Europe/Paris"); // the zone of people made by the tests
        long database = component("Database " + tag, List.of());
        long cache = component("Cache " + tag, List.of());
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(3));
        Api.Response created = admin().post(
                        "/api/v1/status-page/maintenances",
                        "{\"title\":\"Upgrade " + tag + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\""
                                + start.plus(Duration.ofHours(1)) + "\",\"componentIds\":[" + database + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Browser browser = signedIn(admin);
        assertThat(browser.get("/admin/status-page").body())
                .contains("action=\"/admin/status-page/maintenances/" + id + "\"")
                .contains("value=\"" + LocalDateTime.ofInstant(start, zone) + "\"");

        Instant newStart = start.plus(Duration.ofDays(1));
        Instant newEnd = newStart.plus(Duration.ofMinutes(150));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "Upgrade, moved " + tag);
        fields.put("description", "Read-only for a while " + tag);
        fields.put("start", LocalDateTime.ofInstant(newStart, zone).toString());
        fields.put("end", LocalDateTime.ofInstant(newEnd, zone).toString());
        fields.put("componentIds", String.valueOf(cache));
        HttpResponse<String> saved =
                browser.postForm("/admin/status-page/maintenances/" + id, fields, "/admin/status-page");
        assertThat(location(saved)).endsWith("/admin/status-page");
        assertThat(browser.get("/admin/status-page").body()).contains("Maintenance Upgrade, moved " + tag + " saved.");
        assertThat(publicBody("/status"))
                .containsPattern("data-state=\"scheduled\"[\\s\\S]*Upgrade, moved " + tag)
                .contains(
                        "datetime=\"" + newStart + "\"",
                        "datetime=\"" + newEnd + "\"",
                        "Read-only for a while " + tag,
                        "Cache " + tag)
                .doesNotContain("datetime=\"" + start + "\"");
        Api.Response audited =
                admin().get("/api/v1/audit?action=status_page.maintenance_updated&actor=" + admin.email());
        assertThat(audited.json().get("items").get(0).get("targetId").asString())
                .isEqualTo(String.valueOf(id));

        fields.put("title", "Typed " + tag);
        fields.put(
                "end",
                LocalDateTime.ofInstant(newStart.minus(Duration.ofHours(1)), zone)
                        .toString());
        HttpResponse<String> refused =
                browser.postForm("/admin/status-page/maintenances/" + id, fields, "/admin/status-page");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-testid=\"maintenance-edit-error\"", "End must be after the start")
                .contains("value=\"Typed " + tag + "\"")
                .containsPattern(
                        "<details[^>]*open[^>]*>\\s*<summary class=\"small\">Edit</summary>\\s*<div[^>]*maintenance-edit-error");
        assertThat(admin().get("/api/v1/status-page/maintenances/" + id)
                        .json()
                        .get("title")
                        .asString())
                .as("nothing saved")
                .isEqualTo("Upgrade, moved " + tag);

        Person ada = person(Role.RESPONDER);
        fields.put("end", LocalDateTime.ofInstant(newEnd, zone).toString());
        assertThat(signedIn(ada)
                        .postForm("/admin/status-page/maintenances/" + id, fields, "/incidents")
                        .statusCode())
                .isEqualTo(403);
        assertThat(publicBody("/status")).contains("Upgrade, moved " + tag).doesNotContain("Typed " + tag);
    }

    @Test
    void aChangeMadeByAnotherNodeShowsWithinSecondsThroughTheVersion() throws Exception {
        String tag = tag();
        assertThat(publicBody("/status")).doesNotContain("Elsewhere " + tag);
        // What another node's change leaves in the shared database: the row, and the version bumped.
        try (Connection other = dataSource.getConnection();
                Statement sql = other.createStatement()) {
            sql.execute(
                    "insert into status_components (name, display_order, created_at, updated_at) values ('Elsewhere "
                            + tag + "', 0, current_timestamp, current_timestamp)");
            sql.execute("update status_page_settings set version = version + 1 where id = 1");
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(publicBody("/status")).contains("Elsewhere " + tag));
    }

    @Test
    void thePageKeepsAnsweringFromItsSnapshotWhileTheDatabaseIsStuck() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresSelected(), "table locks as PostgreSQL takes them");
        assertThat(publicGet("/status", Map.of()).statusCode()).isEqualTo(200);
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table status_page_settings in access exclusive mode");
                // Wait until the snapshot's version check is stuck behind the lock.
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    try (Connection c = dataSource.getConnection();
                            Statement s = c.createStatement();
                            var rs = s.executeQuery("select count(*) from pg_locks l join pg_class t on t.oid ="
                                    + " l.relation where t.relname = 'status_page_settings' and not l.granted")) {
                        rs.next();
                        return rs.getInt(1) > 0;
                    }
                });
                long started = System.nanoTime();
                HttpResponse<String> response = publicGet("/status", Map.of());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(publicGet("/status/api/v1/summary.json", Map.of()).statusCode())
                        .isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            } finally {
                locker.rollback();
            }
        }
    }
}
