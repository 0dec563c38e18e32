package dev.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.TokenScope;
import dev.cairn.support.Api;
import dev.cairn.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class CatalogApiTest extends IntegrationTest {

    @Autowired
    Teams teams;

    @Autowired
    JdbcClient jdbc;

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private TeamView team() {
        return teams.create(unique("Payments team"), "", Actor.SYSTEM);
    }

    private static String body(String name, long teamId, int tier) {
        return """
                {"name": "%s", "description": "Takes the money", "ownerTeamId": %d, "tier": %d,
                 "links": [{"label": "Runbook", "url": "https://wiki.example.com/runbooks/checkout"},
                           {"label": "Dashboard", "url": "http://grafana.example.com/d/checkout"}]}
                """.formatted(name, teamId, tier);
    }

    @Test
    void responderCreatesAServiceThatEveryoneCanRead() {
        TeamView team = team();
        String name = unique("Checkout API");
        Api responder = person(Role.RESPONDER).api();

        Api.Response created = responder.post("/api/v1/services", body(name, team.id(), 1));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        long id = json.get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/services/" + id);
        assertThat(json.get("name").asString()).isEqualTo(name);
        assertThat(json.get("slug").asString()).isEqualTo(Teams.slug(name));
        assertThat(json.get("ownerTeamName").asString()).isEqualTo(team.name());
        assertThat(json.get("tier").asInt()).isEqualTo(1);
        assertThat(json.get("links").get(0).get("label").asString()).isEqualTo("Runbook");
        assertThat(json.get("links").get(1).get("url").asString()).isEqualTo("http://grafana.example.com/d/checkout");
        assertThat(json.get("createdAt").asString()).isNotBlank();

        JsonNode read = person(Role.VIEWER).api().get("/api/v1/services/" + id).json();
        assertThat(read.get("name").asString()).isEqualTo(name);
        assertThat(read.get("ownerTeamId").asLong()).isEqualTo(team.id());
        assertThat(read.get("links")).hasSize(2);
    }

    @Test
    void tierDefaultsToThreeAndOwnerIsOptional() {
        Api.Response created = admin().post("/api/v1/services", "{\"name\": \"" + unique("Batch jobs") + "\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("tier").asInt()).isEqualTo(3);
        assertThat(created.json().get("ownerTeamId").isNull()).isTrue();
        assertThat(created.json().get("links")).isEmpty();
    }

    @Test
    void listsSearchesAndFiltersByTeam() {
        TeamView payments = team();
        TeamView search = team();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/services", body("Ledger " + marker, payments.id(), 2));
        admin().post("/api/v1/services", body("Search indexer " + marker, search.id(), 3));

        JsonNode byText = admin().get("/api/v1/services?q=LEDGER%20" + marker).json();
        assertThat(names(byText)).containsExactly("Ledger " + marker);
        assertThat(byText.get("nextCursor").isNull()).isTrue();

        JsonNode byTeam = admin().get("/api/v1/services?team=" + search.id()).json();
        assertThat(names(byTeam)).containsExactly("Search indexer " + marker);

        JsonNode both = admin().get("/api/v1/services?q=" + marker).json();
        assertThat(names(both)).containsExactly("Search indexer " + marker, "Ledger " + marker);

        // A % in the search is a character to find, not a wildcard.
        assertThat(names(admin().get("/api/v1/services?q=%25" + marker).json())).isEmpty();
    }

    @Test
    void cursorWalksEveryPage() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "Walk " + i + " " + marker;
            admin().post("/api/v1/services", "{\"name\": \"" + name + "\"}");
            expected.addFirst(name);
        }

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = admin().get("/api/v1/services?limit=1&q=" + marker + "&cursor=" + cursor)
                    .json();
            assertThat(page.get("items")).hasSize(1);
            seen.addAll(names(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void updatesOnlyWhatIsSent() {
        TeamView team = team();
        TeamView other = team();
        String name = unique("Notifications");
        long id = admin().post("/api/v1/services", body(name, team.id(), 2))
                .json()
                .get("id")
                .asLong();
        clock.advance(java.time.Duration.ofMinutes(5));

        Api.Response patched = person(Role.RESPONDER)
                .api()
                .patch(
                        "/api/v1/services/" + id,
                        "{\"tier\": 1, \"ownerTeamId\": " + other.id()
                                + ", \"links\": [{\"label\": \"Runbook v2\", \"url\": \"https://runbooks.example.com/n\"}]}");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode json = admin().get("/api/v1/services/" + id).json();
        assertThat(json.get("name").asString()).isEqualTo(name);
        assertThat(json.get("description").asString()).isEqualTo("Takes the money");
        assertThat(json.get("tier").asInt()).isEqualTo(1);
        assertThat(json.get("ownerTeamName").asString()).isEqualTo(other.name());
        assertThat(json.get("links")).hasSize(1);
        assertThat(json.get("links").get(0).get("label").asString()).isEqualTo("Runbook v2");
        assertThat(json.get("updatedAt").asString())
                .isNotEqualTo(json.get("createdAt").asString());

        String renamed = unique("Notifier");
        JsonNode again = admin().patch(
                        "/api/v1/services/" + id, "{\"name\": \"" + renamed + "\", \"removeOwner\": true}")
                .json();
        assertThat(again.get("name").asString()).isEqualTo(renamed);
        assertThat(again.get("slug").asString()).isEqualTo(Teams.slug(renamed));
        assertThat(again.get("ownerTeamId").isNull()).isTrue();
        assertThat(again.get("links")).hasSize(1);
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        TeamView team = team();
        assertProblem(admin().post("/api/v1/services", "{\"name\": \"\"}"), 400, "name");
        assertProblem(admin().post("/api/v1/services", "{\"name\": \"" + "x".repeat(201) + "\"}"), 400, "name");
        assertProblem(
                admin().post("/api/v1/services", "{\"name\": \"" + unique("Tiered") + "\", \"tier\": 5}"), 400, "tier");
        assertProblem(
                admin().post(
                                "/api/v1/services",
                                "{\"name\": \"" + unique("Linked")
                                        + "\", \"links\": [{\"label\": \"Runbook\", \"url\": \"javascript:alert(1)\"}]}"),
                400,
                "links[0].url");
        assertProblem(
                admin().post("/api/v1/services", "{\"name\": \"" + unique("Coloured") + "\", \"colour\": \"red\"}"),
                400,
                "colour");
        assertProblem(
                admin().post(
                                "/api/v1/services",
                                "{\"name\": \"" + unique("Orphan") + "\", \"ownerTeamId\": 987654321}"),
                400,
                "ownerTeamId");
        assertProblem(admin().post("/api/v1/services", "{\"name\": \"x\", \"tier\": \"high\"}"), 400, "tier");
        assertProblem(admin().get("/api/v1/services?limit=0"), 400, "limit");
        assertProblem(admin().get("/api/v1/services?cursor=nonsense"), 400, "cursor");

        long id = admin().post("/api/v1/services", body(unique("Patched"), team.id(), 2))
                .json()
                .get("id")
                .asLong();
        assertProblem(admin().patch("/api/v1/services/" + id, "{\"tier\": 0}"), 400, "tier");
        assertProblem(admin().patch("/api/v1/services/" + id, "{\"ownerTeamId\": 987654321}"), 400, "ownerTeamId");
        assertThat(admin().get("/api/v1/services/" + id).json().get("tier").asInt())
                .isEqualTo(2);
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = unique("Auth gateway");
        assertThat(admin().post("/api/v1/services", "{\"name\": \"" + name + "\"}")
                        .status())
                .isEqualTo(201);

        Api.Response again =
                person(Role.RESPONDER).api().post("/api/v1/services", "{\"name\": \"" + name.toUpperCase() + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already exists");

        long other = admin().post("/api/v1/services", "{\"name\": \"" + unique("Other") + "\"}")
                .json()
                .get("id")
                .asLong();
        assertThat(admin().patch("/api/v1/services/" + other, "{\"name\": \"" + name + "\"}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void viewersAndReadTokensMayNotWrite() {
        String name = unique("Read only");
        long id = admin().post("/api/v1/services", "{\"name\": \"" + name + "\"}")
                .json()
                .get("id")
                .asLong();

        for (Api reader : List.of(
                person(Role.VIEWER).api(),
                person(Role.RESPONDER, TokenScope.READ).api())) {
            assertThat(reader.post("/api/v1/services", "{\"name\": \"" + unique("Nope") + "\"}")
                            .status())
                    .isEqualTo(403);
            assertThat(reader.patch("/api/v1/services/" + id, "{\"tier\": 1}").status())
                    .isEqualTo(403);
            assertThat(reader.get("/api/v1/services/" + id).status()).isEqualTo(200);
        }
        assertThat(admin().get("/api/v1/services/" + id).json().get("tier").asInt())
                .isEqualTo(3);
        assertThat(new Api("http://localhost:" + port, null)
                        .get("/api/v1/services")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void unknownServiceIsA404Problem() {
        Api.Response response = admin().get("/api/v1/services/987654321");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("Service 987654321 not found");
        assertThat(admin().patch("/api/v1/services/987654321", "{\"tier\": 1}").status())
                .isEqualTo(404);
    }

    @Test
    void writesAreAudited() {
        var responder = person(Role.RESPONDER);
        long id = responder
                .api()
                .post("/api/v1/services", "{\"name\": \"" + unique("Audited") + "\", \"tier\": 2}")
                .json()
                .get("id")
                .asLong();
        admin().patch("/api/v1/services/" + id, "{\"tier\": 1}");

        record Entry(Long actorId, String actor, String action) {}
        List<Entry> entries = jdbc.sql("select actor_id, actor, action from audit_log"
                        + " where target_type = 'service' and target_id = ? order by id")
                .param(String.valueOf(id))
                .query(Entry.class)
                .list();
        assertThat(entries).extracting(Entry::action).containsExactly("service.created", "service.updated");
        assertThat(entries.getFirst().actorId()).isEqualTo(responder.id());
        assertThat(entries.getFirst().actor()).isEqualTo(responder.email() + " (API token)");
        assertThat(entries.get(1).actor()).isEqualTo("admin@cairn.test (API token)");
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("field").asString(""))
                .as(response.toString())
                .isEqualTo(field);
    }
}
