package dev.cairn.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A private incident is seen only by its members and admins, on every path: the list, search,
 * the incident, its timeline, participants, the live stream and the room. Others get 404, never
 * 403, so its existence does not leak.
 */
class PrivateIncidentTest extends IntegrationTest {

    private Person owner;
    private Person member;
    private Person outsider;
    private long id;
    private long entryId;

    @BeforeEach
    void privateIncident() {
        owner = person(Role.RESPONDER);
        member = person(Role.VIEWER);
        outsider = person(Role.RESPONDER);
        Response declared = owner.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"Suspected credential leak zebra\",\"severity\":\"SEV1\",\"type\":\"private\"}");
        assertThat(declared.status()).isEqualTo(201);
        id = declared.json().get("id").asLong();
        entryId = owner.api()
                .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"rotating the quokka keys now\"}")
                .json()
                .get("id")
                .asLong();
        assertThat(owner.api()
                        .post("/api/v1/incidents/" + id + "/participants", "{\"userId\":" + member.id() + "}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void outsidersGetNotFoundOnEveryPath() {
        assertThat(outsider.api().get("/api/v1/incidents/" + id).status()).isEqualTo(404);
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + id)
                        .json()
                        .get("detail")
                        .asString())
                .isEqualTo("Incident INC-" + id + " not found");
        assertThat(outsider.api().get("/api/v1/incidents/" + id + "/timeline").status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .get("/api/v1/incidents/" + id + "/participants")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api().get("/api/v1/incidents/" + id + "/stream").status())
                .isEqualTo(404);
        assertThat(outsider.api().get("/api/v1/timeline/" + entryId).status()).isEqualTo(404);
        assertThat(outsider.api()
                        .get("/api/v1/timeline/" + entryId + "/history")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .patch("/api/v1/timeline/" + entryId, "{\"starred\":true}")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"hi\"}")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.api()
                        .put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + outsider.id() + "}")
                        .status())
                .isEqualTo(404);

        assertThat(outsider.api().get("/api/v1/incidents?limit=200").body()).doesNotContain("zebra");
        assertThat(outsider.api().get("/api/v1/incidents?q=zebra").json().get("items"))
                .isEmpty();
        assertThat(outsider.api().get("/api/v1/incidents?q=quokka").json().get("items"))
                .isEmpty();
        assertThat(outsider.api().get("/api/v1/incidents?q=INC-" + id).json().get("items"))
                .isEmpty();
    }

    @Test
    void membersAndAdminsSeeIt() {
        assertThat(member.api().get("/api/v1/incidents/" + id).status()).isEqualTo(200);
        assertThat(member.api()
                        .get("/api/v1/incidents?q=quokka")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asLong())
                .isEqualTo(id);
        assertThat(member.api().get("/api/v1/incidents/" + id + "/timeline").body())
                .contains("quokka");
        assertThat(admin().get("/api/v1/incidents?q=zebra")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asLong())
                .isEqualTo(id);
        assertThat(admin().get("/api/v1/timeline/" + entryId).status()).isEqualTo(200);
    }

    @Test
    void theRoomPageIsNotFoundForOutsiders() throws Exception {
        Browser outsiderBrowser = new Browser(port);
        outsiderBrowser.signIn(outsider.email(), outsider.password());
        assertThat(outsiderBrowser.get("/incidents/" + id).statusCode()).isEqualTo(404);
        assertThat(outsiderBrowser.get("/incidents/" + id + "/live").statusCode())
                .isEqualTo(404);
        assertThat(outsiderBrowser.get("/incidents?q=zebra").body())
                .doesNotContain("Suspected credential leak")
                .contains("No incident matches");

        Browser memberBrowser = new Browser(port);
        memberBrowser.signIn(member.email(), member.password());
        assertThat(memberBrowser.get("/incidents/" + id).body()).contains("Suspected credential leak zebra");
    }

    @Test
    void aMemberAddedLaterCanOpenTheLiveStream() throws Exception {
        Person temporary = person(Role.RESPONDER);
        owner.api().post("/api/v1/incidents/" + id + "/participants", "{\"userId\":" + temporary.id() + "}");
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/incidents/" + id + "/stream"))
                                .header("Authorization", "Bearer " + temporary.token())
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body().anyMatch(line -> line.equals("event:ready"))).isTrue();
    }
}
