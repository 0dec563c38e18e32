package dev.cairn.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestMail;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The room card, the compose page, following a service, and the admin page, as people use them. */
class UpdatePagesTest extends CommsTestSupport {

    @Test
    void theCommsLeadComposesDraftsEditsOneAndSendsFromTheRoom() throws Exception {
        Person lead = person(Role.RESPONDER);
        String inbox = address("web");
        JsonNode team = audience(unique("Web readers"), "{{impact}} / {{actions}}");
        long audienceId = team.get("id").asLong();
        recipient(audienceId, "email", inbox);
        long incident = declare(lead.api(), "Login loops", "SEV1", "default", null);
        role(lead.api(), incident, "communications_lead", lead.id());
        Browser browser = new Browser(port);
        browser.signIn(lead.email(), lead.password());

        assertThat(browser.get("/incidents/" + incident).body())
                .contains("hx-get=\"/incidents/" + incident + "/updates/card\"");
        String card = browser.get("/incidents/" + incident + "/updates/card").body();
        assertThat(card)
                .contains("Stakeholder updates", "Executives", "No update sent yet.", "Reminders go to")
                .doesNotContain("Update overdue");

        HttpResponse<String> compose = browser.get("/incidents/" + incident
                + "/updates/new?impact=Nobody+can+sign+in&actions=Reverting+the+session+change");
        assertThat(compose.statusCode()).isEqualTo(200);
        assertThat(compose.body())
                .contains("Nobody can sign in / Reverting the session change")
                .contains("name=\"body_" + audienceId + "\"");

        Map<String, String> form = new HashMap<>();
        form.put("impact", "Nobody can sign in");
        form.put("actions", "Reverting the session change");
        form.put("send", String.valueOf(audienceId));
        form.put("subject_" + audienceId, "Sign-in broken");
        form.put("body_" + audienceId, "Edited: nobody can sign in.");
        HttpResponse<String> sent = browser.postForm(
                "/incidents/" + incident + "/updates", form, "/incidents/" + incident + "/updates/new");
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(Browser.location(sent)).endsWith("/incidents/" + incident);
        await().until(() -> TestMail.to(inbox).size() == 1);
        assertThat(TestMail.to(inbox).getFirst().getSubject()).isEqualTo("Sign-in broken");

        clock.advance(Duration.ofMinutes(31));
        String later = browser.get("/incidents/" + incident + "/updates/card").body();
        assertThat(later).contains("Sign-in broken", "Update overdue", "overdue since");

        Person vic = person(Role.VIEWER);
        Browser viewer = new Browser(port);
        viewer.signIn(vic.email(), vic.password());
        String seen = viewer.get("/incidents/" + incident + "/updates/card").body();
        assertThat(seen)
                .as("everyone sees the overdue badge")
                .contains("Update overdue")
                .doesNotContain("Write an update");
        assertThat(viewer.get("/incidents/" + incident + "/updates/new").statusCode())
                .isEqualTo(403);
    }

    @Test
    void anyoneFollowsAServiceFromItsPageAndAdminsAloneEditAudiences() {
        Person vic = person(Role.VIEWER);
        long service = service(unique("Catalogue"));
        Browser viewer = new Browser(port);
        viewer.signIn(vic.email(), vic.password());
        assertThat(viewer.get("/services/" + service).body()).contains("hx-get=\"/services/" + service + "/follow\"");
        String fragment = viewer.get("/services/" + service + "/follow").body();
        Matcher option = Pattern.compile("<option value=\"(\\d+)\">as Engineering</option>")
                .matcher(fragment);
        assertThat(option.find()).as(fragment).isTrue();
        HttpResponse<String> followed = viewer.postForm(
                "/services/" + service + "/follow", Map.of("audienceId", option.group(1)), "/services/" + service);
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(viewer.get("/services/" + service + "/follow").body())
                .contains("You follow this service as", "Engineering", "Unfollow");
        viewer.postForm("/services/" + service + "/unfollow", Map.of(), "/services/" + service);
        assertThat(viewer.get("/services/" + service + "/follow").body()).doesNotContain("You follow this service");

        assertThat(viewer.get("/admin/audiences").statusCode()).isEqualTo(403);
        Browser admin = new Browser(port);
        admin.signIn("admin@cairn.test", IntegrationTest.ADMIN_PASSWORD);
        assertThat(admin.get("/incidents").body()).contains("href=\"/admin/audiences\"");
        String page = admin.get("/admin/audiences").body();
        assertThat(page).contains("Executives", "Customer-facing teams", "{{next_update}}", "Add recipient");

        JsonNode mine = audience(unique("Editable"), "{{title}}");
        long id = mine.get("id").asLong();
        HttpResponse<String> bad = admin.postForm(
                "/admin/audiences/" + id,
                Map.of("name", "Editable", "subjectTemplate", "{{title}}", "template", "{{oops}}"),
                "/admin/audiences");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("template: uses unknown placeholder {{oops}}");
        HttpResponse<String> added = admin.postForm(
                "/admin/audiences/" + id + "/recipients",
                Map.of("channel", "webhook", "address", "https://hooks.example.test/cairn?token=abc"),
                "/admin/audiences");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("whsec_", "will not show it again");
        assertThat(admin.get("/admin/audiences").body())
                .contains("hooks.example.test")
                .doesNotContain("token=abc");
    }
}
