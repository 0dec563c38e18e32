package dev.cairn.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Schedules stored and asked through the API; the answers come from the pure calculator. */
class SchedulesApiTest extends IntegrationTest {

    @Test
    void whoIsOnCallFollowsTheRotationAndOverrides() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        Person cleo = person(Role.RESPONDER);
        String name = "Payments primary " + UUID.randomUUID().toString().substring(0, 6);
        Response created = ada.api().post("/api/v1/schedules", """
                {"name":"%s","timeZone":"Europe/Paris","layers":[
                  {"name":"Primary","participants":[%d,%d],"start":"2026-11-02T08:00:00Z","handoff":"09:00",
                   "rotation":{"unit":"DAYS","length":1}}]}""".formatted(name, ada.id(), bob.id()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        assertThat(onCall(ada, id, "2026-11-02T10:00:00Z").get("userId").asLong())
                .isEqualTo(ada.id());
        JsonNode tuesday = onCall(ada, id, "2026-11-03T10:00:00Z");
        assertThat(tuesday.get("userId").asLong()).isEqualTo(bob.id());
        assertThat(tuesday.get("name").asString()).isEqualTo("Test responder");
        assertThat(tuesday.get("source").asString()).isEqualTo("Primary");
        assertThat(onCall(ada, id, "2026-11-04T07:59:00Z").get("userId").asLong())
                .as("before 09:00 Paris")
                .isEqualTo(bob.id());
        assertThat(onCall(ada, id, "2026-11-04T08:00:00Z").get("userId").asLong())
                .isEqualTo(ada.id());
        assertThat(onCall(ada, id, "2026-11-01T10:00:00Z").get("userId").isNull())
                .as("before the rotation starts")
                .isTrue();

        Response covered = bob.api().post("/api/v1/schedules/" + id + "/overrides", """
                {"userId":%d,"start":"2026-11-03T12:00:00Z","end":"2026-11-03T18:00:00Z"}""".formatted(cleo.id()));
        assertThat(covered.status()).as(covered.body()).isEqualTo(201);
        JsonNode during = onCall(ada, id, "2026-11-03T13:00:00Z");
        assertThat(during.get("userId").asLong()).isEqualTo(cleo.id());
        assertThat(during.get("source").asString()).isEqualTo("override");
        assertThat(onCall(ada, id, "2026-11-03T19:00:00Z").get("userId").asLong())
                .isEqualTo(bob.id());

        JsonNode shifts = ada.api()
                .get("/api/v1/schedules/" + id + "/shifts?from=2026-11-03T08:00:00Z&to=2026-11-04T08:00:00Z")
                .json();
        assertThat(shifts.get("shifts")).hasSize(3);
        assertThat(shifts.get("shifts").get(1).get("userId").asLong()).isEqualTo(cleo.id());
        assertThat(shifts.get("layers").get(0).get("layer").asString()).isEqualTo("Primary");

        long overrideId = ada.api()
                .get("/api/v1/schedules/" + id)
                .json()
                .get("overrides")
                .get(0)
                .get("id")
                .asLong();
        assertThat(ada.api()
                        .delete("/api/v1/schedules/" + id + "/overrides/" + overrideId)
                        .status())
                .isEqualTo(200);
        assertThat(onCall(ada, id, "2026-11-03T13:00:00Z").get("userId").asLong())
                .isEqualTo(bob.id());
    }

    @Test
    void badSchedulesAreProblemsNamingTheField() {
        Person ada = person(Role.RESPONDER);
        String layer = "{\"name\":\"L\",\"participants\":[" + ada.id()
                + "],\"start\":\"2026-11-02T08:00:00Z\",\"handoff\":\"09:00\",\"rotation\":{\"unit\":\"DAYS\",\"length\":1}}";
        assertThat(ada.api()
                        .post(
                                "/api/v1/schedules",
                                "{\"name\":\"x\",\"timeZone\":\"Mars/Olympus\",\"layers\":[" + layer + "]}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("timeZone");
        assertThat(ada.api()
                        .post(
                                "/api/v1/schedules",
                                "{\"name\":\"x\",\"timeZone\":\"UTC\",\"layers\":["
                                        + layer.replace("\"DAYS\"", "\"FORTNIGHTS\"") + "]}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("layers[0].rotation.unit");
        assertThat(ada.api()
                        .post(
                                "/api/v1/schedules",
                                "{\"name\":\"x\",\"timeZone\":\"UTC\",\"layers\":["
                                        + layer.replace("[" + ada.id() + "]", "[987654321]") + "]}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("layers.participants");
        assertThat(ada.api()
                        .post("/api/v1/schedules", "{\"name\":\"x\",\"timeZone\":\"UTC\"}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("layers");

        String name = "Range " + UUID.randomUUID().toString().substring(0, 6);
        long id = ada.api()
                .post(
                        "/api/v1/schedules",
                        "{\"name\":\"" + name + "\",\"timeZone\":\"UTC\",\"layers\":[" + layer + "]}")
                .json()
                .get("id")
                .asLong();
        Response tooLong =
                ada.api().get("/api/v1/schedules/" + id + "/shifts?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asString()).isEqualTo("to");
        assertThat(ada.api()
                        .post(
                                "/api/v1/schedules",
                                "{\"name\":\"" + name + "\",\"timeZone\":\"UTC\",\"layers\":[" + layer + "]}")
                        .status())
                .isEqualTo(409);
        assertThat(person(Role.VIEWER)
                        .api()
                        .post("/api/v1/schedules", "{\"name\":\"v\",\"timeZone\":\"UTC\",\"layers\":[]}")
                        .status())
                .isEqualTo(403);
        assertThat(ada.api().get("/api/v1/schedules/987654321/on-call").status())
                .isEqualTo(404);
    }

    private static JsonNode onCall(Person person, long id, String at) {
        Response response = person.api().get("/api/v1/schedules/" + id + "/on-call?at=" + at);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
