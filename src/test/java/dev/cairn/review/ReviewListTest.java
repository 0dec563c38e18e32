package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The list of reviews: pages through a cursor with visibility decided in the query (a private
 * review never shows nor uses up a page), filters by state, severity and team, and shows readers
 * per team over time.
 */
class ReviewListTest extends IntegrationTest {

    @Autowired
    Teams teams;

    private long declare(Person who, String title, String severity, String type, long serviceId) {
        long id = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\",\"type\":\"" + type
                                + "\",\"serviceIds\":[" + serviceId + "]}")
                .json()
                .get("id")
                .asLong();
        who.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        who.api().put("/api/v1/incidents/" + id + "/review", "{\"learned\":\"Something.\"}");
        return id;
    }

    private void publish(Person who, long id) {
        who.api().put("/api/v1/incidents/" + id + "/review", "{\"state\":\"in_review\"}");
        assertThat(who.api()
                        .post("/api/v1/incidents/" + id + "/review/publish", "")
                        .status())
                .isEqualTo(200);
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(i -> titles.add(i.get("review").get("title").asString()));
        return titles;
    }

    @Test
    void pagesFiltersAndKeepsPrivateReviewsOut() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TeamView team = teams.create("Ledger team " + tag, "", Actor.SYSTEM);
        long service = admin().post(
                        "/api/v1/services", "{\"name\":\"Ledger " + tag + "\",\"ownerTeamId\":" + team.id() + "}")
                .json()
                .get("id")
                .asLong();
        Person ada = person(Role.RESPONDER);
        Person outsider = person(Role.RESPONDER);
        teams.addMember(team.id(), outsider.id(), Actor.SYSTEM);
        List<Long> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(declare(ada, "Ledger drift " + i, i % 2 == 0 ? "SEV2" : "SEV3", "default", service));
        }
        long secret = declare(ada, "Ledger secret", "SEV2", "private", service);
        publish(ada, open.get(0));
        publish(ada, open.get(2));
        publish(ada, secret);

        String base = "/api/v1/reviews?team=" + team.id();
        JsonNode first = outsider.api().get(base + "&limit=2").json();
        assertThat(titles(first)).containsExactly("Ledger drift 4", "Ledger drift 3");
        JsonNode second = outsider.api()
                .get(base + "&limit=2&cursor=" + first.get("nextCursor").asString())
                .json();
        assertThat(titles(second)).containsExactly("Ledger drift 2", "Ledger drift 1");
        JsonNode third = outsider.api()
                .get(base + "&limit=2&cursor=" + second.get("nextCursor").asString())
                .json();
        assertThat(titles(third)).containsExactly("Ledger drift 0");
        assertThat(third.get("nextCursor").isNull()).isTrue();

        assertThat(titles(ada.api().get(base).json()))
                .as("a member sees the private one")
                .contains("Ledger secret");
        assertThat(titles(admin().get(base).json())).contains("Ledger secret");

        assertThat(titles(outsider.api().get(base + "&state=published").json()))
                .containsExactly("Ledger drift 2", "Ledger drift 0");
        assertThat(titles(outsider.api().get(base + "&severity=SEV3").json()))
                .containsExactly("Ledger drift 3", "Ledger drift 1");

        Response badState = outsider.api().get("/api/v1/reviews?state=finished");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body()).contains("state").contains("draft, in_review, published");
        Response badSeverity = outsider.api().get("/api/v1/reviews?severity=SEV9");
        assertThat(badSeverity.status()).isEqualTo(400);
        assertThat(badSeverity.body()).contains("severity").contains("SEV1");
        assertThat(outsider.api().get("/api/v1/reviews?cursor=nonsense").status())
                .isEqualTo(400);

        Browser browser = new Browser(port);
        browser.signIn(outsider.email(), outsider.password());
        browser.get("/incidents/" + open.get(0) + "/review/read");
        browser.get("/incidents/" + open.get(2) + "/review/read");
        String page = browser.get("/reviews?team=" + team.id()).body();
        assertThat(page)
                .contains("Ledger drift 4")
                .doesNotContain("Ledger secret")
                .contains("team-reads-chart")
                .contains("Ledger team " + tag);
        assertThat(browser.get("/reviews?team=" + team.id() + "&state=draft").body())
                .contains("Ledger drift 4")
                .doesNotContain("Ledger drift 2");
        assertThat(browser.get("/reviews?severity=SEV9").statusCode()).isEqualTo(400);
    }
}
