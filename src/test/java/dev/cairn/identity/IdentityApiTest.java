package dev.cairn.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api;
import dev.cairn.support.IntegrationTest;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IdentityApiTest extends IntegrationTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void meDescribesTheCallerAndLetsThemChangeTheirProfile() {
        Person responder = person(Role.RESPONDER);

        JsonNode me = responder.api().get("/api/v1/me").json();
        assertThat(me.get("email").asString()).isEqualTo(responder.email());
        assertThat(me.get("role").asString()).isEqualTo("responder");
        assertThat(me.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(me.get("scope").asString()).isEqualTo("write");

        Api.Response patched = responder
                .api()
                .patch("/api/v1/me", "{\"name\":\"Ariel Ops\",\"timeZone\":\"America/New_York\",\"slackId\":\"U123\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode after = responder.api().get("/api/v1/me").json();
        assertThat(after.get("name").asString()).isEqualTo("Ariel Ops");
        assertThat(after.get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(after.get("slackId").asString()).isEqualTo("U123");

        Api.Response badZone = responder.api().patch("/api/v1/me", "{\"timeZone\":\"Mars/Olympus\"}");
        assertInvalid(badZone, "timeZone");
    }

    @Test
    void adminCreatesPeopleAndBadRequestsNameTheField() {
        String email = unique("new") + "@cairn.test";
        Api.Response created = admin().post(
                        "/api/v1/users",
                        "{\"email\":\"" + email
                                + "\",\"name\":\"New Person\",\"timeZone\":\"Europe/Berlin\",\"role\":\"viewer\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/users/" + id);
        assertThat(created.json().get("oneTimePassword").asString()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(created.json().get("role").asString()).isEqualTo("viewer");

        JsonNode fetched = admin().get("/api/v1/users/" + id).json();
        assertThat(fetched.get("email").asString()).isEqualTo(email);
        assertThat(fetched.get("active").asBoolean()).isTrue();

        Api.Response chosen = admin().post(
                        "/api/v1/users",
                        "{\"email\":\"" + unique("chosen") + "@cairn.test\",\"name\":\"Chosen\",\"role\":\"responder\","
                                + "\"password\":\"a-long-enough-password\"}");
        assertThat(chosen.status()).isEqualTo(201);
        assertThat(chosen.json().has("oneTimePassword")).isFalse();

        Api.Response duplicate =
                admin().post("/api/v1/users", "{\"email\":\"" + email + "\",\"name\":\"Again\",\"role\":\"viewer\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(duplicate.json().get("detail").asString()).contains(email);

        Api.Response badEmail =
                admin().post("/api/v1/users", "{\"email\":\"not-an-address\",\"name\":\"X\",\"role\":\"viewer\"}");
        assertInvalid(badEmail, "email");

        Api.Response badRole = admin().post(
                        "/api/v1/users",
                        "{\"email\":\"" + unique("r") + "@cairn.test\",\"name\":\"X\",\"role\":\"boss\"}");
        assertInvalid(badRole, "role");

        Api.Response unknownField = admin().post(
                        "/api/v1/users",
                        "{\"email\":\"" + unique("u")
                                + "@cairn.test\",\"name\":\"X\",\"role\":\"viewer\",\"salary\":1}");
        assertInvalid(unknownField, "salary");

        Api.Response patched = admin().patch("/api/v1/users/" + id, "{\"role\":\"responder\",\"active\":false}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("role").asString()).isEqualTo("responder");
        assertThat(patched.json().get("active").asBoolean()).isFalse();
    }

    @Test
    void everyoneMayListPeopleButOnlyAdminsCreateThem() {
        Person responder = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        Person readOnlyAdmin = person(Role.ADMIN, TokenScope.READ);

        Api.Response list = viewer.api().get("/api/v1/users?limit=1");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(list.json().get("nextCursor").asString()).isNotBlank();
        Api.Response next = viewer.api()
                .get("/api/v1/users?limit=1&cursor="
                        + list.json().get("nextCursor").asString());
        assertThat(next.json().get("items").get(0).get("id").asLong())
                .isLessThan(list.json().get("items").get(0).get("id").asLong());

        String body = "{\"email\":\"" + unique("x") + "@cairn.test\",\"name\":\"X\",\"role\":\"viewer\"}";
        Api.Response byResponder = responder.api().post("/api/v1/users", body);
        assertThat(byResponder.status()).isEqualTo(403);
        assertThat(byResponder.json().get("detail").asString()).contains("admins");
        assertThat(viewer.api().post("/api/v1/users", body).status()).isEqualTo(403);
        assertThat(readOnlyAdmin.api().post("/api/v1/users", body).status()).isEqualTo(403);
        assertThat(readOnlyAdmin
                        .api()
                        .post("/api/v1/tokens", "{\"name\":\"escalate\",\"scope\":\"write\"}")
                        .status())
                .isEqualTo(403);
        assertThat(responder
                        .api()
                        .patch("/api/v1/users/" + viewer.id(), "{\"role\":\"admin\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void tokensAreShownOnceListedWithoutSecretsAndStopWorkingWhenRevoked() {
        Person responder = person(Role.RESPONDER);

        Api.Response created = responder.api().post("/api/v1/tokens", "{\"name\":\"ci\",\"scope\":\"read\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().get("secret").asString();
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/tokens/" + id);
        assertThat(secret)
                .startsWith("cairn_")
                .endsWith(created.json().get("hint").asString());

        Api.Response list = responder.api().get("/api/v1/tokens");
        assertThat(list.body()).doesNotContain(secret);
        assertThat(names(list.json().get("items"))).contains("ci", "test");

        Api readToken = api(secret);
        assertThat(readToken.get("/api/v1/me").json().get("scope").asString()).isEqualTo("read");
        Api.Response readWrites = readToken.patch("/api/v1/me", "{\"name\":\"Nope\"}");
        assertThat(readWrites.status()).isEqualTo(403);
        assertThat(readWrites.header("Content-Type")).startsWith("application/problem+json");

        Person other = person(Role.RESPONDER);
        assertThat(other.api().delete("/api/v1/tokens/" + id).status()).isEqualTo(404);

        Api.Response revoked = responder.api().delete("/api/v1/tokens/" + id);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        assertThat(readToken.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(responder.api().delete("/api/v1/tokens/" + id).status()).isEqualTo(409);

        Api.Response badScope = responder.api().post("/api/v1/tokens", "{\"name\":\"x\",\"scope\":\"root\"}");
        assertInvalid(badScope, "scope");
    }

    @Test
    void adminsManageTeamsAndEveryoneReadsThem() {
        Person member = person(Role.RESPONDER);
        String name = unique("Payments");

        Api.Response created = admin().post("/api/v1/teams", "{\"name\":\"" + name + "\",\"description\":\"Money\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/teams/" + id);

        assertThat(member.api().post("/api/v1/teams", "{\"name\":\"Mine\"}").status())
                .isEqualTo(403);
        assertThat(admin().post("/api/v1/teams", "{\"name\":\"" + name + "\"}").status())
                .isEqualTo(409);

        Api.Response added = admin().put("/api/v1/teams/" + id + "/members/" + member.id(), null);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(names(added.json().get("members"))).containsExactly("Test responder");
        assertThat(admin().put("/api/v1/teams/" + id + "/members/999999", null).status())
                .isEqualTo(404);

        JsonNode seen = member.api().get("/api/v1/teams/" + id).json();
        assertThat(seen.get("members").get(0).get("email").asString()).isEqualTo(member.email());
        assertThat(names(member.api().get("/api/v1/teams").json().get("items"))).contains(name);

        Api.Response renamed = admin().patch("/api/v1/teams/" + id, "{\"name\":\"" + name + " EU\"}");
        assertThat(renamed.json().get("name").asString()).isEqualTo(name + " EU");
        assertThat(renamed.json().get("description").asString()).isEqualTo("Money");

        Api.Response removed = admin().delete("/api/v1/teams/" + id + "/members/" + member.id());
        assertThat(removed.json().get("members")).isEmpty();
        assertThat(member.api()
                        .delete("/api/v1/teams/" + id + "/members/" + member.id())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void writesLandInTheAuditLogWhichOnlyAdminsRead() {
        Person responder = person(Role.RESPONDER);
        String team = unique("Audited");
        long teamId = admin().post("/api/v1/teams", "{\"name\":\"" + team + "\"}")
                .json()
                .get("id")
                .asLong();
        admin().put("/api/v1/teams/" + teamId + "/members/" + responder.id(), null);
        responder.api().post("/api/v1/tokens", "{\"name\":\"audited-token\",\"scope\":\"write\"}");

        Api.Response teamEntries = admin().get("/api/v1/audit?action=team.&actor=admin@cairn.test&limit=200");
        assertThat(teamEntries.status()).as(teamEntries.toString()).isEqualTo(200);
        assertThat(StreamSupport.stream(teamEntries.json().get("items").spliterator(), false)
                        .filter(e -> e.get("targetId").asString().equals(String.valueOf(teamId)))
                        .map(e -> e.get("action").asString()))
                .containsExactly("team.member_added", "team.created");

        Api.Response tokenEntries = admin().get("/api/v1/audit?action=token.created&actor=" + responder.email());
        JsonNode entry = tokenEntries.json().get("items").get(0);
        assertThat(entry.get("detail").asString()).contains("audited-token");
        assertThat(entry.get("actor").asString()).isEqualTo(responder.email() + " (API token)");
        assertThat(entry.get("remoteAddr").asString()).isNotBlank();

        Api.Response paged = admin().get("/api/v1/audit?limit=1");
        assertThat(paged.json().get("items")).hasSize(1);
        assertThat(paged.json().get("nextCursor").asString()).isNotBlank();

        Api.Response future =
                admin().get("/api/v1/audit?from=" + clock.instant().plusSeconds(3600));
        assertThat(future.json().get("items")).isEmpty();
        assertInvalid(admin().get("/api/v1/audit?from=yesterday"), "from");

        Api.Response denied = responder.api().get("/api/v1/audit");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().has("field") ? response.json().get("field").asString() : null)
                .as(response.toString())
                .isEqualTo(field);
    }

    private static java.util.List<String> names(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(n -> n.get("name").asString())
                .toList();
    }
}
