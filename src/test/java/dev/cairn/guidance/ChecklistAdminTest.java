package dev.cairn.guidance;

import static dev.cairn.guidance.ChecklistFlowTest.checklist;
import static dev.cairn.guidance.ChecklistFlowTest.declare;
import static dev.cairn.guidance.ChecklistFlowTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admins edit the default checklists, on /admin/checklists and through the API; new incidents get the change. */
class ChecklistAdminTest extends IntegrationTest {

    @Test
    void anAdminAddsAndEditsAnItemAndNewIncidentsGetIt() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Person boss = person(Role.ADMIN);
        Person ada = person(Role.RESPONDER);
        long before = declare(ada, "SEV4", "default");

        Response created = boss.api()
                .post("/api/v1/checklists", "{\"severity\":\"SEV4\",\"text\":\"Check the dashboard " + tag + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long item = created.json().get("id").asLong();
        assertThat(created.json().get("position").asInt())
                .as("at the end of the list")
                .isEqualTo(4);

        Browser browser = new Browser(port);
        browser.signIn(boss.email(), boss.password());
        String page = browser.get("/admin/checklists").body();
        assertThat(page).contains("Check the dashboard " + tag, "Incident commander", "href=\"/admin/checklists\"");
        var saved = browser.postForm(
                "/admin/checklists/" + item, Map.of("text", "Look at the SEV4 dashboard " + tag), "/admin/checklists");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/checklists").body())
                .contains("Item saved.", "Look at the SEV4 dashboard " + tag);
        var moved =
                browser.postForm("/admin/checklists/" + item + "/move", Map.of("direction", "up"), "/admin/checklists");
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(boss.api()
                        .get("/api/v1/checklists/" + item)
                        .json()
                        .get("position")
                        .asInt())
                .isEqualTo(3);
        var empty = browser.postForm("/admin/checklists/" + item, Map.of("text", "  "), "/admin/checklists");
        assertThat(empty.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/checklists").body()).contains("The item text must be 1 to 300 characters.");

        long after = declare(ada, "SEV4", "default");
        assertThat(texts(checklist(ada, after).get("items")))
                .containsExactly(
                        "Name one person who owns this.",
                        "Write down what you saw and how you noticed it.",
                        "Look at the SEV4 dashboard " + tag,
                        "When it is fixed, write one line on what fixed it.");
        assertThat(texts(checklist(ada, before).get("items")))
                .as("a running incident keeps its copy")
                .doesNotContain("Look at the SEV4 dashboard " + tag);

        var deleted = browser.postForm("/admin/checklists/" + item + "/delete", Map.of(), "/admin/checklists");
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(boss.api().get("/api/v1/checklists/" + item).status()).isEqualTo(404);
        assertThat(texts(checklist(ada, after).get("items")))
                .as("removing a default leaves incidents alone")
                .contains("Look at the SEV4 dashboard " + tag);
    }

    @Test
    void onlyAdminsEditChecklists() {
        Person ada = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        Browser responder = new Browser(port);
        responder.signIn(ada.email(), ada.password());
        assertThat(responder.get("/admin/checklists").statusCode()).isEqualTo(403);
        assertThat(responder.get("/incidents").body())
                .as("no menu link for non-admins")
                .doesNotContain("href=\"/admin/checklists\"");
        assertThat(ada.api()
                        .post("/api/v1/checklists", "{\"severity\":\"SEV4\",\"text\":\"Sneaky\"}")
                        .status())
                .isEqualTo(403);
        assertThat(viewer.api()
                        .post("/api/v1/checklists", "{\"severity\":\"SEV4\",\"text\":\"Sneaky\"}")
                        .status())
                .isEqualTo(403);
        Response list = viewer.api().get("/api/v1/checklists?role=commander");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("text").asString())
                .isEqualTo("Say out loud what you are doing and who owns what.");

        Response both =
                admin().post("/api/v1/checklists", "{\"severity\":\"SEV4\",\"role\":\"scribe\",\"text\":\"Both\"}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("field").asString()).isEqualTo("severity");
        Response badRole = admin().post("/api/v1/checklists", "{\"role\":\"chef\",\"text\":\"Cook\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("field").asString()).isEqualTo("role");
    }
}
