package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.cairn.catalog.NewService;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Role;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.support.IntegrationTest;
import java.time.Instant;
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

/** The insights pages as people see them: every view renders its filters, chart, table and CSV link. */
@AutoConfigureMockMvc
class InsightsPagesTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Incidents incidents;

    @Autowired
    Services services;

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    Audit audit;

    private Actor signedIn(Role role) {
        var person = person(role);
        return new Actor(person.id(), person.email(), "Test " + role.json(), role, null);
    }

    private MvcResult send(Actor actor, MockHttpServletRequestBuilder request) throws Exception {
        var auth = new UsernamePasswordAuthenticationToken(
                actor,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        return mvc.perform(request.with(authentication(auth)).with(csrf())).andReturn();
    }

    @Test
    void everyViewRendersForAResponderAndHidesPrivateTitlesFromNonMembers() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Actor owner = signedIn(Role.RESPONDER);
        Actor other = signedIn(Role.RESPONDER);
        long service = services.create(new NewService("Pages svc " + tag, "", null, 2, List.of()), Actor.SYSTEM)
                .id();
        clock.set(Instant.parse("2026-05-05T10:00:00Z"));
        long open = incidents
                .declare(
                        new DeclareIncident(
                                "Open door " + tag, "", "SEV3", IncidentType.DEFAULT, List.of(service), null, null),
                        owner)
                .id();
        long secret = incidents
                .declare(
                        new DeclareIncident(
                                "Secret door " + tag, "", "SEV3", IncidentType.PRIVATE, List.of(service), null, null),
                        owner)
                .id();
        clock.set(Instant.parse("2026-05-05T11:00:00Z"));
        incidents.changeStatus(open, IncidentStatus.RESOLVED, owner);
        incidents.changeStatus(secret, IncidentStatus.RESOLVED, owner);
        refresh.refresh();
        String filter = "?from=2026-05-01&to=2026-05-31&service=" + service;

        for (String view : List.of("load", "expertise", "participation", "cost", "mttx", "learning")) {
            MvcResult page = send(other, get("/insights/" + view + filter));
            String html = page.getResponse().getContentAsString();
            assertThat(page.getResponse().getStatus()).as(view).isEqualTo(200);
            assertThat(html).as(view).contains("data-testid=\"insights-filter\"");
            assertThat(html).as(view).contains("data-chart-for=");
            assertThat(html).as(view).contains("/webjars/chart.js/dist/chart.umd.min.js");
            assertThat(html).as(view).contains("/insights/" + view + ".csv?");
            assertThat(html).as(view).doesNotContain("Secret door");
            assertThat(html).as("only admins get the audit evidence tab").doesNotContain("data-testid=\"audit-tab\"");
        }
        assertThat(send(signedIn(Role.ADMIN), get("/insights/load" + filter))
                        .getResponse()
                        .getContentAsString())
                .contains("data-testid=\"audit-tab\"");
        String participation = send(other, get("/insights/participation" + filter))
                .getResponse()
                .getContentAsString();
        assertThat(participation).contains("Open door " + tag);
        assertThat(send(owner, get("/insights/participation" + filter))
                        .getResponse()
                        .getContentAsString())
                .contains("Secret door " + tag);
        // A group of two incidents, one private, is hidden from everyone but admins.
        assertThat(send(other, get("/insights/mttx" + filter + "&by=service"))
                        .getResponse()
                        .getContentAsString())
                .contains("hidden (fewer than 3 incidents, one private)");
        assertThat(send(other, get("/insights/participation" + filter + "&incident=" + secret))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        MvcResult csv = send(other, get("/insights/participation.csv" + filter));
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getContentAsString()).contains("Open door").doesNotContain("Secret door");

        // Both resolved in May: a month of two incidents, one private, is hidden on learning health too.
        assertThat(send(other, get("/insights/learning" + filter)).getResponse().getContentAsString())
                .contains("hidden (fewer than 3 incidents, one private)")
                .doesNotContain("Comes with reviews");
        assertThat(send(owner, get("/insights/learning.csv" + filter))
                        .getResponse()
                        .getContentAsString())
                .contains("2026-05,hidden");
        assertThat(send(other, get("/insights/drills")).getResponse().getRedirectedUrl())
                .isEqualTo("/insights/mttx?drills=only");
    }

    @Test
    void viewersAreTurnedAwayAndBadFiltersAreExplained() throws Exception {
        Actor viewer = signedIn(Role.VIEWER);
        assertThat(send(viewer, get("/insights/load")).getResponse().getStatus())
                .isEqualTo(403);
        Actor responder = signedIn(Role.RESPONDER);
        MvcResult bad = send(responder, get("/insights/cost?from=31/01/2026"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString()).contains("from must be a date like 2026-01-31");
        assertThat(send(
                                responder,
                                post("/insights/annotations")
                                        .param("date", "2026-05-01")
                                        .param("text", "x"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void adminsEditTheCostModelAndAnnotationsFromThePages() throws Exception {
        Actor admin = signedIn(Role.ADMIN);
        String cost = send(admin, get("/insights/cost")).getResponse().getContentAsString();
        assertThat(cost).contains("cost = hourly rate").contains("data-testid=\"cost-model-form\"");
        MvcResult saved = send(
                admin,
                post("/insights/cost/model")
                        .param("currency", "EUR")
                        .param("hourlyRate", "120")
                        .param("weightCommander", "1")
                        .param("weightComms", "0.75")
                        .param("weightParticipant", "0.5")
                        .param("weightObserver", "0")
                        .param("sleepExtra", "0.5")
                        .param("refocusHours", "0.5")
                        .param("reviewHours", "SEV1:8, SEV2:4, SEV3:1, SEV4:0"));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/insights/cost?saved");
        assertThat(send(admin, get("/insights/cost")).getResponse().getContentAsString())
                .contains("120 EUR");
        MvcResult refused = send(
                admin,
                post("/insights/cost/model")
                        .param("currency", "EUR")
                        .param("hourlyRate", "lots")
                        .param("weightCommander", "1")
                        .param("weightComms", "0.75")
                        .param("weightParticipant", "0.5")
                        .param("weightObserver", "0")
                        .param("sleepExtra", "0.5")
                        .param("refocusHours", "0.5")
                        .param("reviewHours", "SEV1:8"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentAsString()).contains("hourlyRate must be a number");
        send(
                admin,
                post("/insights/cost/model")
                        .param("currency", "USD")
                        .param("hourlyRate", "100")
                        .param("weightCommander", "1.0")
                        .param("weightComms", "0.75")
                        .param("weightParticipant", "0.5")
                        .param("weightObserver", "0")
                        .param("sleepExtra", "0.5")
                        .param("refocusHours", "0.5")
                        .param("reviewHours", "SEV1:8, SEV2:4, SEV3:1, SEV4:0"));

        clock.set(Instant.parse("2026-05-20T10:00:00Z"));
        send(admin, post("/insights/annotations").param("date", "2026-05-10").param("text", "Team re-org"));
        assertThat(send(admin, get("/insights/mttx?from=2026-05-01&to=2026-05-31"))
                        .getResponse()
                        .getContentAsString())
                .contains("Team re-org");
        assertThat(audit.page(admin, new Audit.Filter(null, "insights.", null, null), null, 50)
                        .items())
                .extracting(e -> e.action())
                .contains("insights.cost-model.update", "insights.annotation.create");
    }
}
