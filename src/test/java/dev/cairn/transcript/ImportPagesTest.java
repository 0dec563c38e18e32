package dev.cairn.transcript;

import static dev.cairn.transcript.SlackImportTest.byBody;
import static dev.cairn.transcript.SlackImportTest.entries;
import static dev.cairn.transcript.SlackImportTest.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The import page: upload, the speaker-mapping step, past imports, and the room's link and badges. */
class ImportPagesTest extends IntegrationTest {

    @Test
    void aCallTranscriptWithAnUnknownSpeakerAsksWhoItIsThenImportsAndTheRoomShowsIt() {
        Person ada = person(Role.RESPONDER);
        long incident = incident(ada, "Page import");
        Person linus = person(Role.RESPONDER);
        String linusName = users.get(linus.id()).name();
        Browser browser = new Browser(port);
        browser.signIn(ada.email(), ada.password());
        String page = "/incidents/" + incident + "/imports";

        HttpResponse<String> empty = browser.get(page);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("Import a transcript").contains("Nothing imported yet.");
        assertThat(browser.get("/incidents/" + incident).body()).contains("href=\"" + page + "\"");

        byte[] vtt = CallAndChatImportTest.TEAMS
                .formatted(users.get(ada.id()).name())
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> mapping = browser.postMultipart(
                page, Map.of("kind", "vtt", "startedAt", "2024-03-05T10:00:00"), "standup.vtt", vtt, page);
        assertThat(mapping.statusCode()).isEqualTo(200);
        assertThat(mapping.body()).contains("Who is speaking?").contains("Keep the name “Linus Ops”");
        assertThat(entries(ada, incident))
                .noneMatch(e -> e.get("source").asString().equals("vtt"));
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(mapping.body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> done = browser.postForm(
                page + "/mapped",
                Map.of(
                        "token",
                        token.group(1),
                        "fileName",
                        "standup.vtt",
                        "startedAt",
                        "2024-03-05T10:00:00",
                        "speaker.Linus Ops",
                        String.valueOf(linus.id())),
                page);
        assertThat(done.body()).contains("2 imported").contains("0 skipped");
        assertThat(byBody(entries(ada, incident), "rollback in place")
                        .get("authorId")
                        .asLong())
                .isEqualTo(linus.id());

        HttpResponse<String> again = browser.postForm(page + "/mapped", Map.of("token", token.group(1)), page);
        assertThat(again.body()).contains("this upload has expired");

        assertThat(browser.get(page).body()).contains("standup.vtt").doesNotContain("Nothing imported yet.");
        String room = browser.get("/incidents/" + incident).body();
        assertThat(room).contains(linusName).contains("Imported from vtt");

        HttpResponse<String> broken = browser.postMultipart(
                page, Map.of("kind", "chat-log"), "bad.csv", "time,author,text\nnot-a-time,A,x\n".getBytes(), page);
        assertThat(broken.body()).contains("bad.csv line 2: time not-a-time is not ISO-8601");

        Browser outsider = new Browser(port);
        Person viewer = person(Role.VIEWER);
        outsider.signIn(viewer.email(), viewer.password());
        assertThat(outsider.get(page).body()).doesNotContain("id=\"import-form\"");
    }
}
