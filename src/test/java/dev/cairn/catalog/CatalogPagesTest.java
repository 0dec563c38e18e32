package dev.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The service pages as a signed-in person sees them (the sign-in page itself belongs to identity). */
@AutoConfigureMockMvc
class CatalogPagesTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Teams teams;

    @Autowired
    Services services;

    private Actor signedIn(Role role) {
        var person = person(role);
        return new Actor(person.id(), person.email(), "Test " + role.json(), role, null);
    }

    private MockHttpServletRequestBuilder as(Actor actor, MockHttpServletRequestBuilder request) {
        var auth = new UsernamePasswordAuthenticationToken(
                actor,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        return request.with(authentication(auth)).with(csrf());
    }

    private MvcResult send(Actor actor, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(as(actor, request)).andReturn();
    }

    private static MultiValueMap<String, String> form(String name, String teamId, String tier, String... links) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("name", name);
        form.add("description", "Takes <the> money");
        form.add("ownerTeamId", teamId);
        form.add("tier", tier);
        for (int i = 0; i < links.length; i += 2) {
            form.add("linkLabel", links[i]);
            form.add("linkUrl", links[i + 1]);
        }
        return form;
    }

    @Test
    void responderCreatesAServiceThroughTheForm() throws Exception {
        Actor responder = signedIn(Role.RESPONDER);
        TeamView team = teams.create("Payments " + UUID.randomUUID().toString().substring(0, 8), "", Actor.SYSTEM);

        String blank = send(responder, get("/services/new")).getResponse().getContentAsString();
        assertThat(blank).contains("New service", "Tier 1 · Critical", team.name());
        assertThat(blank.split("name=\"linkUrl\"")).hasSizeGreaterThanOrEqualTo(4);

        String name = "Checkout " + UUID.randomUUID().toString().substring(0, 8);
        MvcResult invalid = send(
                responder,
                post("/services")
                        .params(form(
                                name,
                                String.valueOf(team.id()),
                                "1",
                                "Runbook",
                                "https://wiki.example.com/rb",
                                "",
                                "",
                                "Dashboard",
                                "javascript:alert(1)")));
        assertThat(invalid.getResponse().getStatus()).isEqualTo(422);
        String page = invalid.getResponse().getContentAsString();
        assertThat(page)
                .contains("value=\"" + name + "\"", "https://wiki.example.com/rb", "javascript:alert(1)")
                .contains("URL must be an http:// or https:// URL")
                .contains("Takes &lt;the&gt; money");
        assertThat(page).containsPattern("<option value=\"" + team.id() + "\"\\s+selected");

        MvcResult created = send(
                responder,
                post("/services")
                        .params(form(
                                name,
                                String.valueOf(team.id()),
                                "1",
                                "Runbook",
                                "https://wiki.example.com/rb",
                                "",
                                "",
                                "Dashboard",
                                "https://grafana.example.com/d/1")));
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).matches("/services/\\d+");

        String detail = send(responder, get(location)).getResponse().getContentAsString();
        assertThat(detail).contains(name, team.name(), "Tier 1 · Critical", "Takes &lt;the&gt; money");
        assertThat(detail)
                .contains("href=\"https://grafana.example.com/d/1\" target=\"_blank\" rel=\"noopener noreferrer\"");
        assertThat(detail).contains("Edit");

        String list =
                send(responder, get("/services").param("q", name)).getResponse().getContentAsString();
        assertThat(list).contains(name, team.name(), "Tier 1", "New service");
    }

    @Test
    void blankNameIsShownNextToTheField() throws Exception {
        MvcResult result = send(signedIn(Role.ADMIN), post("/services").params(form("", "", "2")));

        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        assertThat(result.getResponse().getContentAsString())
                .contains("Name must be 1 to 200 characters")
                .containsPattern("value=\"2\"\\s+checked");
    }

    @Test
    void editingKeepsAndChangesWhatIsSent() throws Exception {
        Actor admin = signedIn(Role.ADMIN);
        String name = "Ledger " + UUID.randomUUID().toString().substring(0, 8);
        ServiceView service = services.create(
                new NewService(name, "", null, 3, List.of(new ServiceLink("Runbook", "https://wiki.example.com/l"))),
                admin);

        String edit = send(admin, get("/services/" + service.id() + "/edit"))
                .getResponse()
                .getContentAsString();
        assertThat(edit).contains("value=\"" + name + "\"", "value=\"https://wiki.example.com/l\"", "Save changes");

        String duplicate = "Dup " + UUID.randomUUID().toString().substring(0, 8);
        services.create(new NewService(duplicate, "", null, 3, List.of()), admin);
        MvcResult clash =
                send(admin, post("/services/" + service.id() + "/edit").params(form(duplicate, "", "3")));
        assertThat(clash.getResponse().getStatus()).isEqualTo(422);
        assertThat(clash.getResponse().getContentAsString()).contains("already exists");

        MvcResult saved =
                send(admin, post("/services/" + service.id() + "/edit").params(form(name + " v2", "", "4", "", "")));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/services/" + service.id());
        ServiceView after = services.get(service.id());
        assertThat(after.name()).isEqualTo(name + " v2");
        assertThat(after.tier()).isEqualTo(4);
        assertThat(after.links()).isEmpty();
    }

    @Test
    void viewersReadButCannotEdit() throws Exception {
        Actor viewer = signedIn(Role.VIEWER);
        String name = "Viewable " + UUID.randomUUID().toString().substring(0, 8);
        ServiceView service = services.create(new NewService(name, "", null, 2, List.of()), Actor.SYSTEM);

        String list =
                send(viewer, get("/services").param("q", name)).getResponse().getContentAsString();
        assertThat(list).contains(name).doesNotContain("New service");
        String detail =
                send(viewer, get("/services/" + service.id())).getResponse().getContentAsString();
        assertThat(detail).contains(name, "No owner yet").doesNotContain("/edit");

        assertThat(send(viewer, get("/services/new")).getResponse().getStatus()).isEqualTo(403);
        assertThat(send(viewer, post("/services").params(form("Sneaky", "", "3")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(send(viewer, get("/services/987654321")).getResponse().getStatus())
                .isEqualTo(404);
    }
}
