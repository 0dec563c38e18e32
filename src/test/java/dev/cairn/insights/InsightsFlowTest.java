package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.catalog.NewService;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.Teams;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import dev.cairn.timeline.PostEntry;
import dev.cairn.timeline.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A small hand-made history with known answers. Team Relay (Ariel in New York, Bo in Paris, Cy in
 * Tokyo, Dee) owns the services Ledger and Vault:
 *
 * <ul>
 *   <li>A (SEV2, Ledger), Wed 4 Mar 2026 14:00-16:00 UTC: Ariel declares and writes 4 words, Bo
 *       joins and writes 2, Cy joins at 15:00 and only watches.
 *   <li>B (SEV1, Ledger), Sat 7 Mar 23:00 UTC to Sun 8 Mar 12:00 UTC, across New York's DST shift:
 *       Ariel declares and commands alone.
 *   <li>C (SEV2, Ledger), Mon 9 Mar 14:00-15:00 UTC: Ariel alone.
 *   <li>D (private, Vault), declared by Bo on 10 Mar.
 *   <li>E (drill, Ledger) on 11 Mar.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsFlowTest extends IntegrationTest {

    @Autowired
    Incidents incidents;

    @Autowired
    IncidentPeople people;

    @Autowired
    Timeline timeline;

    @Autowired
    Teams teams;

    @Autowired
    Services services;

    @Autowired
    InsightsRefresh refresh;

    Person ariel;
    Person bo;
    Person cy;
    Person dee;
    Person outsider;
    Person viewer;
    long team;
    long ledger;
    long vault;
    long incidentA;
    long incidentD;
    String range;

    @BeforeAll
    void history() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ariel = named(Role.RESPONDER, "Ariel " + tag, "America/New_York");
        bo = named(Role.RESPONDER, "Bo " + tag, "Europe/Paris");
        cy = named(Role.RESPONDER, "Cy " + tag, "Asia/Tokyo");
        dee = named(Role.RESPONDER, "Dee " + tag, "Europe/Paris");
        outsider = person(Role.RESPONDER);
        viewer = person(Role.VIEWER);
        team = teams.create("Relay " + tag, "", Actor.SYSTEM).id();
        for (Person p : List.of(ariel, bo, cy, dee)) {
            teams.addMember(team, p.id(), Actor.SYSTEM);
        }
        ledger = services.create(new NewService("Ledger " + tag, "", team, 1, List.of()), Actor.SYSTEM)
                .id();
        vault = services.create(new NewService("Vault " + tag, "", team, 1, List.of()), Actor.SYSTEM)
                .id();

        at("2026-03-04T14:00:00Z");
        incidentA = declare(ariel, "Checkout \"cart\", slow " + tag, "SEV2", IncidentType.DEFAULT, ledger);
        people.join(incidentA, bo.id(), "added", actor(ariel));
        at("2026-03-04T14:30:00Z");
        timeline.post(incidentA, new PostEntry("message", "one two three four", null), actor(ariel));
        at("2026-03-04T14:40:00Z");
        timeline.post(incidentA, new PostEntry("message", "five six", null), actor(bo));
        at("2026-03-04T15:00:00Z");
        people.join(incidentA, cy.id(), "added", actor(ariel));
        at("2026-03-04T16:00:00Z");
        incidents.changeStatus(incidentA, IncidentStatus.RESOLVED, actor(ariel));

        at("2026-03-07T23:00:00Z");
        long b = declare(ariel, "Ledger replication stalled " + tag, "SEV1", IncidentType.DEFAULT, ledger);
        people.assignRole(b, IncidentRole.COMMANDER, ariel.id(), actor(ariel));
        at("2026-03-08T12:00:00Z");
        incidents.changeStatus(b, IncidentStatus.RESOLVED, actor(ariel));

        at("2026-03-09T14:00:00Z");
        long c = declare(ariel, "Ledger slow again " + tag, "SEV2", IncidentType.DEFAULT, ledger);
        at("2026-03-09T15:00:00Z");
        incidents.changeStatus(c, IncidentStatus.RESOLVED, actor(ariel));

        at("2026-03-10T10:00:00Z");
        incidentD = declare(bo, "Vault key exposure " + tag, "SEV1", IncidentType.PRIVATE, vault);
        at("2026-03-10T11:00:00Z");
        incidents.changeStatus(incidentD, IncidentStatus.RESOLVED, actor(bo));

        at("2026-03-11T10:00:00Z");
        long e = declare(ariel, "Game day: ledger failover " + tag, "SEV3", IncidentType.DRILL, ledger);
        at("2026-03-11T12:00:00Z");
        incidents.changeStatus(e, IncidentStatus.RESOLVED, actor(ariel));

        at("2026-03-20T00:00:00Z");
        refresh.refresh();
        range = "from=2026-03-01&to=2026-03-31";
    }

    @Test
    void loadSplitsHoursIntoEachPersonsBandsAndFlagsAriel() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/load?" + range + "&team=" + team));
        JsonNode a = personRow(report, ariel.id());
        // A: 2 h working (09:00-11:00 New York); B: 5 h Saturday evening + 8 real sleep hours across
        // the DST jump; C: 1 h working.
        assertThat(a.get("incidents").asLong()).isEqualTo(3);
        assertThat(a.get("hours").asDouble()).isEqualTo(16.0);
        assertThat(a.get("workHours").asDouble()).isEqualTo(3.0);
        assertThat(a.get("weekendHours").asDouble()).isEqualTo(5.0);
        assertThat(a.get("sleepHours").asDouble()).isEqualTo(8.0);
        assertThat(a.get("asCommander").asLong()).isEqualTo(1);
        assertThat(a.get("flagged").asBoolean()).isTrue();
        JsonNode c = personRow(report, cy.id());
        // Cy watched A from 15:00 to 16:00 UTC: midnight to 01:00 in Tokyo.
        assertThat(c.get("sleepHours").asDouble()).isEqualTo(1.0);
        assertThat(c.get("asObserver").asLong()).isEqualTo(1);
        assertThat(c.get("flagged").asBoolean()).isFalse();
        // Bo's 2 incidents include a private one: hidden from Ariel, shown to an admin.
        assertThat(personRow(report, bo.id()).get("hidden").asBoolean()).isTrue();
        JsonNode b = personRow(ok(admin().get("/api/v1/insights/load?" + range + "&team=" + team)), bo.id());
        // A: 15:00-17:00 in Paris; D: 11:00-12:00 in Paris on a Tuesday.
        assertThat(b.get("workHours").asDouble()).isEqualTo(3.0);
        assertThat(b.get("sleepHours").asDouble()).isEqualTo(0.0);
        assertThat(personRow(report, dee.id()).get("hours").asDouble()).isEqualTo(0.0);
        assertThat(report.get("rule").asString()).contains("2× the median");
    }

    @Test
    void loadOverTimeSumsEveryonesBands() {
        JsonNode march = ok(ariel.api().get("/api/v1/insights/load?" + range + "&service=" + ledger))
                .get("periods")
                .get(0);
        assertThat(march.get("period").asString()).isEqualTo("2026-03");
        assertThat(march.get("incidents").asLong()).isEqualTo(3);
        // Working: Ariel 2 + Bo 2 (A) + Ariel 1 (C); sleep: Cy 1 (A) + Ariel 8 (B); weekend: Ariel 5 (B).
        assertThat(march.get("workHours").asDouble()).isEqualTo(5.0);
        assertThat(march.get("sleepHours").asDouble()).isEqualTo(9.0);
        assertThat(march.get("weekendHours").asDouble()).isEqualTo(5.0);
        assertThat(march.get("eveningHours").asDouble()).isEqualTo(0.0);
    }

    @Test
    void expertiseShowsLedgerRestsOnAriel() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/expertise?" + range + "&service=" + ledger));
        JsonNode row = report.get("services").get(0);
        assertThat(row.get("incidents").asLong()).isEqualTo(3);
        assertThat(row.get("topPerson").asString()).startsWith("Ariel");
        assertThat(row.get("topShare").asDouble()).isEqualTo(1.0);
        // Ariel took part in 3, Bo in 1 (Cy only watched): Gini of (3, 1) = 0.25.
        assertThat(row.get("gini").asDouble()).isEqualTo(0.25);
        assertThat(row.get("concentrated").asBoolean()).isTrue();
        assertThat(row.get("persons")).hasSize(2);
        assertThat(report.get("concentrated").get(0).get("serviceId").asLong()).isEqualTo(ledger);
        assertThat(report.get("quarters").get(0).asString()).isEqualTo("2026 Q1");
    }

    @Test
    void participationCountsTalkShareAndWatchers() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/participation?" + range + "&service=" + ledger));
        JsonNode a = incidentRow(report.get("incidents"), incidentA);
        assertThat(a.get("people").asInt()).isEqualTo(2);
        assertThat(a.get("watchers").asInt()).isEqualTo(1);
        assertThat(a.get("teams").asInt()).isEqualTo(1);
        assertThat(a.get("messages").asLong()).isEqualTo(2);
        assertThat(a.get("words").asLong()).isEqualTo(6);
        assertThat(a.get("topSpeaker").asString()).startsWith("Ariel");
        assertThat(a.get("topShare").asDouble()).isEqualTo(0.667);
        JsonNode cyRow = null;
        for (JsonNode p : a.get("persons")) {
            if (p.get("userId").asLong() == cy.id()) {
                cyRow = p;
            }
        }
        assertThat(cyRow.get("watchedOnly").asBoolean()).isTrue();
    }

    @Test
    void costAppliesTheModelPerIncident() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/cost?" + range + "&service=" + ledger));
        JsonNode a = incidentRow(report.get("incidents"), incidentA);
        // Ariel and Bo 2 h each as participants (0.5), Cy watched (0); both interrupted in working
        // hours (2 x 0.5 h); SEV2 review 4 h: 100 x (2 + 0 + 1 + 4) = 700.
        assertThat(a.get("breakdown").get("responseHours").asDouble()).isEqualTo(2.0);
        assertThat(a.get("breakdown").get("interruptedHours").asDouble()).isEqualTo(1.0);
        assertThat(a.get("breakdown").get("cost").asDouble()).isEqualTo(700.0);
        assertThat(report.get("total").get("incidents").asLong()).isEqualTo(3);
        assertThat(report.get("formula").asString()).contains("hourly rate");
    }

    @Test
    void mttxGivesMedianAndP90AndTheIncidentsBehindABar() {
        JsonNode report = ok(ariel.api().get("/api/v1/insights/mttx?" + range + "&service=" + ledger + "&by=service"));
        JsonNode ttr = report.get("overall").get(3);
        assertThat(ttr.get("metric").asString()).isEqualTo("ttr");
        // Resolve times 2 h, 13 h, 1 h: median 2 h, p90 13 h (nearest rank).
        assertThat(ttr.get("medianSeconds").asLong()).isEqualTo(7200);
        assertThat(ttr.get("p90Seconds").asLong()).isEqualTo(46800);
        assertThat(ttr.get("count").asLong()).isEqualTo(3);
        JsonNode bucket = report.get("histogram").get(4); // 2 h - 4 h
        assertThat(bucket.get("incidents").asLong()).isEqualTo(1);
        JsonNode behind = ok(ariel.api()
                .get("/api/v1/insights/mttx/incidents?" + range + "&service=" + ledger
                        + "&metric=ttr&min=7200&max=14400"));
        assertThat(behind).hasSize(1);
        assertThat(behind.get(0).get("id").asLong()).isEqualTo(incidentA);
    }

    @Test
    void drillsAreLeftOutUnlessAskedFor() {
        JsonNode real = ok(ariel.api().get("/api/v1/insights/mttx?" + range + "&service=" + ledger));
        assertThat(real.get("overall").get(3).get("count").asLong()).isEqualTo(3);
        JsonNode drills = ok(ariel.api().get("/api/v1/insights/mttx?" + range + "&service=" + ledger + "&drills=only"));
        assertThat(drills.get("overall").get(3).get("count").asLong()).isEqualTo(1);
        assertThat(drills.get("overall").get(3).get("medianSeconds").asLong()).isEqualTo(7200);
    }

    @Test
    void aLonePrivateIncidentIsNeverIdentifiable() {
        String vaultQuery = "/api/v1/insights/expertise?" + range + "&service=" + vault;
        JsonNode hidden = ok(outsider.api().get(vaultQuery)).get("services").get(0);
        assertThat(hidden.get("hidden").asBoolean()).isTrue();
        assertThat(hidden.get("incidents").asLong()).isZero();
        assertThat(hidden.get("persons")).isEmpty();
        assertThat(ok(admin().get(vaultQuery))
                        .get("services")
                        .get(0)
                        .get("incidents")
                        .asLong())
                .isEqualTo(1);

        String list = "/api/v1/insights/participation?" + range + "&service=" + vault;
        assertThat(ok(outsider.api().get(list)).get("incidents")).isEmpty();
        assertThat(ok(bo.api().get(list)).get("incidents").get(0).get("title").asString())
                .startsWith("Vault key");
        String csv = outsider.api().get(list + "&format=csv").body();
        assertThat(csv).doesNotContain("Vault key");

        JsonNode mttx = ok(outsider.api().get("/api/v1/insights/mttx?" + range + "&team=" + team + "&by=service"));
        for (JsonNode group : mttx.get("groups")) {
            if (group.get("group").asString().startsWith("Vault")) {
                assertThat(group.get("hidden").asBoolean()).isTrue();
            }
        }
        JsonNode load = ok(outsider.api().get("/api/v1/insights/load?" + range + "&team=" + team));
        // Bo's row holds 2 incidents, one private: hidden from a non-admin.
        assertThat(personRow(load, bo.id()).get("hidden").asBoolean()).isTrue();
        assertThat(personRow(load, bo.id()).get("hours").asDouble()).isZero();
    }

    @Test
    void csvIsEscapedAndNamed() {
        Response csv =
                ariel.api().get("/api/v1/insights/participation?" + range + "&service=" + ledger + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("insights-participation.csv");
        assertThat(csv.body()).startsWith("incident,title,severity,");
        assertThat(csv.body()).contains("\"Checkout \"\"cart\"\", slow");
        for (String view : List.of("load", "expertise", "cost", "mttx")) {
            Response r = ariel.api().get("/api/v1/insights/" + view + "?" + range + "&format=csv");
            assertThat(r.status()).as(view).isEqualTo(200);
            assertThat(r.body()).as(view).contains(",");
        }
    }

    @Test
    void badParametersAreNamed() {
        assertProblem(ariel.api().get("/api/v1/insights/load?from=yesterday"), "from");
        assertProblem(ariel.api().get("/api/v1/insights/load?from=2026-03-10&to=2026-03-01"), "to");
        assertProblem(ariel.api().get("/api/v1/insights/cost?severity=SEV9"), "severity");
        assertProblem(ariel.api().get("/api/v1/insights/mttx?team=abc"), "team");
        assertProblem(ariel.api().get("/api/v1/insights/mttx?metric=mttz"), "metric");
        assertProblem(ariel.api().get("/api/v1/insights/expertise?format=xml"), "format");
        assertProblem(ariel.api().get("/api/v1/insights/participation?drills=maybe"), "drills");
    }

    @Test
    void viewersAndResponderWritesAreRefused() {
        assertThat(viewer.api().get("/api/v1/insights/load").status()).isEqualTo(403);
        assertThat(ariel.api()
                        .post("/api/v1/insights/annotations", "{\"date\":\"2026-03-05\",\"text\":\"Re-org\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ariel.api().post("/api/v1/insights/refresh", "").status()).isEqualTo(403);
    }

    @Test
    void annotationsAndTheCostModelAreAdminEditsThatLandInTheAudit() {
        Response created = admin().post(
                        "/api/v1/insights/annotations", "{\"date\":\"2026-03-05\",\"text\":\"New on-call policy\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode mttx = ok(ariel.api().get("/api/v1/insights/mttx?" + range));
        assertThat(mttx.get("annotations").toString()).contains("New on-call policy");
        assertThat(admin().post("/api/v1/insights/annotations", "{\"date\":\"5 March\",\"text\":\"x\"}")
                        .status())
                .isEqualTo(400);

        JsonNode model = ok(admin().get("/api/v1/insights/cost/model"));
        assertThat(model.get("hourlyRate").asDouble()).isEqualTo(100.0);
        Response bad =
                admin().put("/api/v1/insights/cost/model", model.toString().replace("\"USD\"", "\"dollars\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("currency");
        Response saved =
                admin().put("/api/v1/insights/cost/model", model.toString().replace("100", "200"));
        assertThat(saved.status()).isEqualTo(200);
        JsonNode a = incidentRow(
                ok(ariel.api().get("/api/v1/insights/cost?" + range + "&service=" + ledger))
                        .get("incidents"),
                incidentA);
        assertThat(a.get("breakdown").get("cost").asDouble()).isEqualTo(1400.0);
        assertThat(admin().put("/api/v1/insights/cost/model", model.toString()).status())
                .isEqualTo(200);
        String audit = admin().get("/api/v1/audit?action=insights.").body();
        assertThat(audit).contains("insights.annotation.create").contains("insights.cost-model.update");
    }

    @Test
    void aNewMessageAndAJoinReachTheFactsAtTheNextRefresh() {
        long queue = services.create(
                        new NewService("Queue " + UUID.randomUUID().toString().substring(0, 6), "", team, 2, List.of()),
                        Actor.SYSTEM)
                .id();
        at("2026-04-12T09:00:00Z");
        long f = declare(dee, "Queue backlog", "SEV3", IncidentType.DEFAULT, queue);
        refresh.refresh();
        // In April, outside the range the other tests read.
        String query = "/api/v1/insights/participation?from=2026-04-01&to=2026-04-30&service=" + queue;
        assertThat(incidentRow(ok(ariel.api().get(query)).get("incidents"), f)
                        .get("words")
                        .asLong())
                .isZero();
        at("2026-04-12T09:10:00Z");
        timeline.post(f, new PostEntry("note", "seven eight nine ten", null), actor(dee));
        people.join(f, cy.id(), "added", actor(dee));
        refresh.refresh();
        JsonNode row = incidentRow(ok(ariel.api().get(query)).get("incidents"), f);
        assertThat(row.get("words").asLong()).isEqualTo(4);
        assertThat(row.get("watchers").asLong()).isEqualTo(1);
    }

    @Test
    void expertiseListsTheTopPeoplePerServiceAndEveryoneForOneService() {
        long crowd = services.create(
                        new NewService("Crowd " + UUID.randomUUID().toString().substring(0, 6), "", team, 2, List.of()),
                        Actor.SYSTEM)
                .id();
        // In May, outside the range the other tests read: 25 people take part in one incident (24 write).
        at("2026-05-06T09:00:00Z");
        long g = declare(dee, "Everyone on the crowd service", "SEV3", IncidentType.DEFAULT, crowd);
        for (int i = 0; i < 24; i++) {
            Person helper = person(Role.RESPONDER);
            people.join(g, helper.id(), "added", actor(dee));
            timeline.post(g, new PostEntry("message", "on it", null), actor(helper));
        }
        refresh.refresh();
        String may = "from=2026-05-01&to=2026-05-31";

        JsonNode all = serviceRow(ok(ariel.api().get("/api/v1/insights/expertise?" + may)), crowd);
        assertThat(all.get("people").asInt()).isEqualTo(25);
        assertThat(all.get("persons")).hasSize(Expertise.PERSONS_SHOWN);
        assertThat(all.get("persons").get(0).get("userId").asLong())
                .as("the declarer is listed among the shown")
                .isNotZero();

        JsonNode one =
                serviceRow(ok(ariel.api().get("/api/v1/insights/expertise?" + may + "&service=" + crowd)), crowd);
        assertThat(one.get("persons")).hasSize(25);

        String csv = ariel.api()
                .get("/api/v1/insights/expertise?" + may + "&format=csv")
                .body();
        assertThat(csv.lines()
                        .filter(line -> line.startsWith(services.get(crowd).name())))
                .as("the CSV lists everyone")
                .hasSize(25);
    }

    @Test
    void theRebuildRecomputesEverythingAndReportsProgress() {
        long done = refresh.rebuildAll();
        assertThat(done).isPositive();
        JsonNode progress = ok(admin().get("/api/v1/insights/refresh"));
        assertThat(progress.get("running").asBoolean()).isFalse();
        assertThat(progress.get("done").asLong()).isEqualTo(done);
        JsonNode report = ok(ariel.api().get("/api/v1/insights/load?" + range + "&team=" + team));
        assertThat(personRow(report, ariel.id()).get("hours").asDouble()).isEqualTo(16.0);
        assertThat(admin().post("/api/v1/insights/refresh", "").status()).isEqualTo(202);
    }

    // ---- helpers ----

    private Person named(Role role, String name, String zone) {
        Person p = person(role);
        users.update(p.id(), name, zone, null, null, null, Actor.SYSTEM);
        return p;
    }

    private Actor actor(Person p) {
        var user = users.get(p.id());
        return new Actor(user.id(), user.email(), user.name(), user.role(), null);
    }

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }

    private long declare(Person who, String title, String severity, IncidentType type, long service) {
        return incidents
                .declare(new DeclareIncident(title, "", severity, type, List.of(service), null, null), actor(who))
                .id();
    }

    private static JsonNode serviceRow(JsonNode report, long serviceId) {
        for (JsonNode row : report.get("services")) {
            if (row.get("serviceId").asLong() == serviceId) {
                return row;
            }
        }
        throw new AssertionError("no row for service " + serviceId + " in " + report);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode personRow(JsonNode report, long userId) {
        for (JsonNode row : report.get("people")) {
            if (row.get("userId").asLong() == userId) {
                return row;
            }
        }
        throw new AssertionError("no row for user " + userId + " in " + report);
    }

    private static JsonNode incidentRow(JsonNode rows, long id) {
        for (JsonNode row : rows) {
            if (row.get("incidentId").asLong() == id) {
                return row;
            }
        }
        throw new AssertionError("no row for incident " + id + " in " + rows);
    }

    private static void assertProblem(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(field);
    }
}
