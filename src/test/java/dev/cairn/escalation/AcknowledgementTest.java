package dev.cairn.escalation;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.shared.jobs.Jobs;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page reaches its person by e-mail with a one-time acknowledgement link: opening the link asks,
 * only the button acknowledges, the link works once, an altered link does nothing; and the page in
 * the web UI shows the notification attempts and acknowledges with a click.
 */
class AcknowledgementTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern ACK = Pattern.compile("https?://[^/\\s]+(/ack/[A-Za-z0-9._\\-]+)");

    @Autowired
    Jobs jobs;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLinkInTheEmailAcknowledgesOnceAndOnlyWithItsButton() throws Exception {
        Person ada = person(Role.RESPONDER);
        long page = openPage(ada, "Checkout 5xx " + EscalationFlowTest.tag());
        String ack = ackPath(ada.email());

        HttpResponse<String> asked = get(ack);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body())
                .contains("Acknowledging as <strong>Test responder</strong>", "data-testid=\"ack-button\"");
        assertThat(asked.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(status(page)).as("opening the link acknowledges nothing").isEqualTo("triggered");

        HttpResponse<String> done = post(ack);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("data-testid=\"ack-done\"", "The escalation has stopped.");
        Response detail = admin().get("/api/v1/pages/" + page);
        assertThat(detail.json().get("page").get("status").asString()).isEqualTo("acknowledged");
        assertThat(detail.json().get("page").get("acknowledgedBy").asLong()).isEqualTo(ada.id());
        assertThat(detail.json().get("page").get("acknowledgedVia").asString()).isEqualTo("link");

        assertThat(post(ack).body()).contains("data-testid=\"ack-nothing\"", "This link was already used.");
        String forged = ack.substring(0, ack.length() - 3) + (ack.endsWith("AAA") ? "BBB" : "AAA");
        HttpResponse<String> refused = post(forged);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("This link does not work");
        String otherPage = ack.replaceFirst("/ack/\\d+\\.", "/ack/" + (page + 1000) + ".");
        assertThat(post(otherPage).statusCode()).as("the page id is signed").isEqualTo(404);
    }

    @Test
    void thePagesPageShowsTheNotificationsAndAcknowledgesWithAClick() {
        Person ada = person(Role.RESPONDER);
        String title = "Queue depth " + EscalationFlowTest.tag();
        long page = openPage(ada, title);
        ackPath(ada.email());
        await().atMost(WAIT)
                .until(() -> admin().get("/api/v1/pages/" + page)
                        .json()
                        .get("notifications")
                        .get(0)
                        .get("status")
                        .asString()
                        .equals("sent"));

        Browser browser = new Browser(port);
        browser.signIn(ada.email(), ada.password());
        String list = browser.get("/pages?mine=true").body();
        assertThat(list).contains(title, "triggered");
        String shown = browser.get("/pages/" + page).body();
        assertThat(shown)
                .contains(title, "data-testid=\"acknowledge\"", "data-testid=\"delivery\"", ada.email())
                .contains("data-testid=\"delivery-status\">sent<");
        assertThat(location(browser.postForm("/pages/" + page + "/acknowledge", Map.of(), "/pages/" + page)))
                .endsWith("/pages/" + page);
        String after = browser.get("/pages/" + page).body();
        assertThat(after)
                .contains(
                        "Acknowledged: the escalation has stopped.", "Acknowledged by <strong>Test responder</strong>");
        assertThat(after).doesNotContain("data-testid=\"acknowledge\"");
    }

    private long openPage(Person ada, String title) {
        Response policy = admin().post(
                        "/api/v1/escalation-policies",
                        "{\"name\":\"Ack " + EscalationFlowTest.tag() + "\",\"steps\":[{\"delayMinutes\":5,"
                                + "\"targets\":[{\"kind\":\"user\",\"id\":" + ada.id() + "}]}]}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        Response page = admin().post(
                        "/api/v1/pages",
                        "{\"policyId\":" + policy.json().get("id").asLong() + ",\"title\":\"" + title + "\"}");
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        jobs.runDue();
        return page.json().get("id").asLong();
    }

    /** The acknowledgement link of the first page e-mail to this address, as a local path. */
    private static String ackPath(String email) {
        await().atMost(WAIT).until(() -> !TestMail.to(email).isEmpty());
        try {
            MimeMessage mail = TestMail.to(email).getFirst();
            assertThat(mail.getSubject()).startsWith("[Cairn] Page #");
            Matcher link = ACK.matcher(mail.getContent().toString());
            assertThat(link.find()).as("an acknowledgement link in the e-mail").isTrue();
            return link.group(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String status(long page) {
        return admin().get("/api/v1/pages/" + page)
                .json()
                .get("page")
                .get("status")
                .asString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
