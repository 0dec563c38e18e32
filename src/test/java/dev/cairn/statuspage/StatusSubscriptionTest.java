package dev.cairn.statuspage;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Double opt-in: the form only sends a confirmation link (once per hour per address); only
 * confirmed subscribers get updates, each with a one-click unsubscribe link that needs no sign-in.
 */
class StatusSubscriptionTest extends StatusPageSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PAGE = "/admin/status-page/subscribers";
    private static final Pattern CONFIRM = Pattern.compile("https?://[^/\\s]+(/status/confirm/[A-Za-z0-9_\\-]+)");
    private static final Pattern UNSUBSCRIBE =
            Pattern.compile("https?://[^/\\s]+(/status/unsubscribe/[A-Za-z0-9_\\-]+)");

    @Test
    void onlyConfirmedSubscribersGetUpdatesAndUnsubscribingTakesOneClick() throws Exception {
        String tag = tag();
        String confirmed = "sub-" + tag + "@example.test";
        String witness = "witness-" + tag + "@example.test";
        String pending = "pending-" + tag + "@example.test";
        Browser visitor = new Browser(port);

        HttpResponse<String> signedUp = visitor.postWithoutCsrf("/status/subscribe", Map.of("email", confirmed));
        assertThat(signedUp.statusCode()).isEqualTo(200);
        assertThat(signedUp.body()).contains("a link to confirm the subscription is on its way");
        assertThat(visitor.postWithoutCsrf("/status/subscribe", Map.of("email", confirmed.toUpperCase()))
                        .body())
                .as("a repeated sign-up answers the same")
                .contains("a link to confirm the subscription is on its way");
        visitor.postWithoutCsrf("/status/subscribe", Map.of("email", witness));
        visitor.postWithoutCsrf("/status/subscribe", Map.of("email", pending));
        assertThat(visitor.postWithoutCsrf("/status/subscribe", Map.of("email", "not-an-address"))
                        .statusCode())
                .isEqualTo(400);

        String confirmLink = link(confirmed, CONFIRM, 0);
        assertThat(visitor.get(confirmLink).body())
                .as("opening the link only asks (a mail scanner confirms nobody)")
                .contains("data-testid=\"confirm-subscription\"")
                .doesNotContain("You are subscribed");
        HttpResponse<String> confirmedPage = visitor.postWithoutCsrf(confirmLink, Map.of());
        assertThat(confirmedPage.statusCode()).isEqualTo(200);
        assertThat(confirmedPage.body()).contains("You are subscribed");
        assertThat(visitor.postWithoutCsrf(link(witness, CONFIRM, 0), Map.of()).body())
                .contains("You are subscribed");
        assertThat(visitor.postWithoutCsrf(confirmLink, Map.of()).statusCode())
                .as("a confirmation link works once")
                .isEqualTo(404);

        Person ada = person(Role.RESPONDER);
        long incident = declare(ada.api(), "Subs " + tag, "default", List.of());
        long statusIncident = publish(
                        ada.api(), incident, "Login fails " + tag, "Looking " + tag, "investigating", Map.of())
                .json()
                .get("id")
                .asLong();

        MimeMessage update = await().atMost(WAIT).until(() -> find(confirmed, "Login fails " + tag), m -> m != null);
        String body = (String) update.getContent();
        assertThat(body).contains("Looking " + tag).doesNotContain("Subs " + tag);
        await().atMost(WAIT).until(() -> find(witness, "Login fails " + tag), m -> m != null);
        assertThat(TestMail.to(confirmed))
                .as("one confirmation, despite two sign-ups, and the update")
                .hasSize(2);
        assertThat(TestMail.to(pending))
                .as("unconfirmed: only the confirmation")
                .hasSize(1);

        Matcher unsubscribe = UNSUBSCRIBE.matcher(body);
        assertThat(unsubscribe.find()).isTrue();
        HttpResponse<String> gone = new Browser(port).get(unsubscribe.group(1));
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(gone.body()).contains("You are unsubscribed");

        post(ada.api(), statusIncident, "Fixed " + tag, "resolved", null);
        await().atMost(WAIT).until(() -> TestMail.to(witness).size() == 3);
        assertThat(TestMail.to(confirmed)).as("nothing after unsubscribing").hasSize(2);
        assertThat(TestMail.to(pending)).hasSize(1);
    }

    @Test
    void adminsListSearchPageAndRemoveSubscribersOthersCannot() throws Exception {
        String tag = tag();
        Person admin = person(Role.ADMIN);
        Browser browser = signedIn(admin);
        Browser visitor = new Browser(port);
        removeEverySubscriber();
        assertThat(browser.get(PAGE).body())
                .contains("data-testid=\"no-subscribers\"", "No subscribers yet — the public page offers sign-up at")
                .doesNotContain("data-testid=\"subscribers\"");

        String address = "listed-" + tag + "@example.test";
        visitor.postWithoutCsrf("/status/subscribe", Map.of("email", address));
        assertThat(row(browser.get(PAGE + "?q=listed-" + tag).body(), address)).contains("pending confirmation");
        JsonNode pending =
                admin().get("/api/v1/status-page/subscribers?q=LISTED-" + tag).json();
        assertThat(pending.get("total").asLong()).isEqualTo(1);
        JsonNode item = pending.get("items").get(0);
        assertThat(item.get("email").asString()).isEqualTo(address);
        assertThat(item.get("state").asString()).isEqualTo("pending");
        assertThat(item.get("signedUpAt").asString()).isNotBlank();
        assertThat(item.get("confirmedAt").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(5));
        visitor.postWithoutCsrf(link(address, CONFIRM, 0), Map.of());
        String confirmedAt = admin().get("/api/v1/status-page/subscribers?state=confirmed&q=listed-" + tag)
                .json()
                .get("items")
                .get(0)
                .get("confirmedAt")
                .asString();
        assertThat(Instant.parse(confirmedAt)).isCloseTo(clock.instant(), within(1, ChronoUnit.SECONDS));
        assertThat(row(browser.get(PAGE + "?q=listed-" + tag).body(), address))
                .contains(">confirmed<", "datetime=\"" + confirmedAt + "\"");
        assertThat(browser.get(PAGE + "?state=pending&q=listed-" + tag).body())
                .contains("data-testid=\"no-match\"", "0 subscribers match")
                .doesNotContain(address);

        // 52 sign-ups: 50 a page, newest first, and a count of all that match.
        for (int i = 0; i < 52; i++) {
            visitor.postWithoutCsrf("/status/subscribe", Map.of("email", "paged-" + tag + "-" + i + "@example.test"));
        }
        String first = browser.get(PAGE + "?q=paged-" + tag).body();
        assertThat(first).contains("52 subscribers match", "paged-" + tag + "-51@", "data-testid=\"older\"");
        assertThat(first).doesNotContain("paged-" + tag + "-1@", "paged-" + tag + "-0@", address);
        assertThat(Pattern.compile("data-subscriber=").matcher(first).results().count())
                .isEqualTo(50);
        Matcher older = Pattern.compile(
                        "href=\"(/admin/status-page/subscribers\\?[^\"]*cursor=[^\"]+)\"[^>]*data-testid=\"older\"")
                .matcher(first);
        assertThat(older.find()).isTrue();
        String second = browser.get(older.group(1).replace("&amp;", "&")).body();
        assertThat(second)
                .contains("paged-" + tag + "-1@", "paged-" + tag + "-0@", "data-testid=\"newest\"")
                .doesNotContain("paged-" + tag + "-2@", "data-testid=\"older\"");
        JsonNode api =
                admin().get("/api/v1/status-page/subscribers?q=paged-" + tag).json();
        assertThat(api.get("items")).hasSize(50);
        assertThat(api.get("total").asLong()).isEqualTo(52);
        JsonNode rest = admin().get("/api/v1/status-page/subscribers?q=paged-" + tag + "&cursor="
                        + api.get("nextCursor").asString())
                .json();
        assertThat(rest.get("items")).hasSize(2);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(admin().get("/api/v1/status-page/subscribers?q=paged_" + tag)
                        .json()
                        .get("total")
                        .asLong())
                .as("_ is a character, not a wildcard")
                .isZero();
        assertThat(admin().get("/api/v1/status-page/subscribers?state=gone").status())
                .isEqualTo(400);

        String page = browser.get(PAGE + "?q=listed-" + tag).body();
        long id = item.get("id").asLong();
        assertThat(page).contains("data-confirm=\"Remove " + address + "?");
        HttpResponse<String> removed =
                browser.postForm(PAGE + "/" + id + "/delete", Map.of("q", "listed-" + tag, "state", ""), PAGE);
        assertThat(location(removed)).endsWith(PAGE + "?q=listed-" + tag);
        assertThat(browser.get(PAGE + "?q=listed-" + tag).body())
                .contains("Subscriber removed", "data-testid=\"no-match\"")
                .doesNotContain(address);
        JsonNode audited = admin().get("/api/v1/audit?action=status_page.subscriber_removed&actor=" + admin.email())
                .json()
                .get("items")
                .get(0);
        assertThat(audited.get("targetId").asString()).isEqualTo(String.valueOf(id));
        assertThat(audited.toString()).as("no address in the audit trail").doesNotContain(address);
        long other = rest.get("items").get(0).get("id").asLong();
        assertThat(admin().delete("/api/v1/status-page/subscribers/" + other).status())
                .isEqualTo(204);
        assertThat(admin().delete("/api/v1/status-page/subscribers/" + other).status())
                .isEqualTo(404);
        assertThat(admin().get("/api/v1/status-page/subscribers?q=paged-" + tag)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(51);

        long someone = api.get("items").get(0).get("id").asLong();
        for (Person outsider : List.of(person(Role.RESPONDER), person(Role.VIEWER))) {
            Browser theirs = signedIn(outsider);
            assertThat(theirs.get(PAGE).statusCode()).isEqualTo(403);
            assertThat(theirs.postForm(PAGE + "/" + someone + "/delete", Map.of(), "/incidents")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(outsider.api().get("/api/v1/status-page/subscribers").status())
                    .isEqualTo(403);
            assertThat(outsider.api()
                            .delete("/api/v1/status-page/subscribers/" + someone)
                            .status())
                    .isEqualTo(403);
        }
        assertThat(admin().get("/api/v1/status-page/subscribers?q=paged-" + tag)
                        .json()
                        .get("total")
                        .asLong())
                .as("nothing removed by them")
                .isEqualTo(51);
    }

    /** What a fresh install starts with, made through the API: every earlier test's subscribers removed. */
    private void removeEverySubscriber() {
        JsonNode page;
        do {
            page = admin().get("/api/v1/status-page/subscribers").json();
            for (JsonNode s : page.get("items")) {
                assertThat(admin().delete("/api/v1/status-page/subscribers/"
                                        + s.get("id").asLong())
                                .status())
                        .isEqualTo(204);
            }
        } while (page.get("total").asLong() > 0);
    }

    /** The table row of one address. */
    private static String row(String page, String address) {
        Matcher row = Pattern.compile("<tr[^>]*data-subscriber[^>]*>(?:(?!</tr>)[\\s\\S])*" + Pattern.quote(address)
                        + "(?:(?!</tr>)[\\s\\S])*</tr>")
                .matcher(page);
        assertThat(row.find()).as(page).isTrue();
        return row.group();
    }

    private static MimeMessage find(String address, String subject) throws Exception {
        for (MimeMessage m : TestMail.to(address)) {
            if (m.getSubject().contains(subject)) {
                return m;
            }
        }
        return null;
    }

    private static String link(String address, Pattern pattern, int index) throws Exception {
        List<MimeMessage> mails = await().atMost(WAIT).until(() -> TestMail.to(address), l -> l.size() > index);
        MimeMessage mail = mails.get(index);
        assertThat(mail.getSubject()).startsWith("Confirm your subscription");
        Matcher matcher = pattern.matcher((String) mail.getContent());
        assertThat(matcher.find()).as(mail.getContent().toString()).isTrue();
        return matcher.group(1);
    }
}
