package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A message mirrored live and the same message in a Slack export share one key: it lands once. */
class SlackImportAfterMirrorTest extends SlackTest {

    @Test
    void importingAnExportAfterLiveMirroringAddsOnlyWhatWasMissed() throws Exception {
        Person ada = responder();
        long incident = incident(ada, "Checkout slow", "SEV2");
        String channel = "C" + id();
        ada.api().put("/api/v1/incidents/" + incident + "/slack-channel", "{\"channelId\":\"" + channel + "\"}");
        String adaSlack = "U" + id();
        FakeSlack.get().member(adaSlack, "ada", ada.email());

        SignedSlack slack = new SignedSlack(port, SECRET);
        String live = SlackAppTest.callback(
                "E" + id(),
                "{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"" + adaSlack
                        + "\",\"text\":\"checkout p99 is 4s\",\"ts\":\"1709629260.000200\"}");
        assertThat(slack.event(live, clock.instant()).statusCode()).isEqualTo(200);
        assertThat(messages(ada, incident)).containsExactly("checkout p99 is 4s");

        byte[] export = zip(
                "users.json",
                "[{\"id\":\"" + adaSlack + "\",\"name\":\"ada\",\"profile\":{\"email\":\"" + ada.email() + "\"}}]",
                "channels.json",
                "[{\"id\":\"" + channel + "\",\"name\":\"inc-checkout\",\"created\":1700000000}]",
                "inc-checkout/2024-03-05.json",
                "[{\"type\":\"message\",\"text\":\"checkout p99 is 4s\",\"user\":\"" + adaSlack
                        + "\",\"ts\":\"1709629260.000200\"},"
                        + "{\"type\":\"message\",\"text\":\"said while Cairn was down\",\"user\":\"" + adaSlack
                        + "\",\"ts\":\"1709629320.000300\"}]");
        HttpResponse<String> imported = upload(ada, incident, export, channel);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode counts = Api.JSON.readTree(imported.body());
        assertThat(counts.get("imported").asInt()).isEqualTo(1);
        assertThat(counts.get("skipped").asInt()).isEqualTo(1);
        assertThat(messages(ada, incident)).containsExactly("checkout p99 is 4s", "said while Cairn was down");

        // And the other way round: Slack retrying an event for an imported message adds nothing.
        String late = SlackAppTest.callback(
                "E" + id(),
                "{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"" + adaSlack
                        + "\",\"text\":\"said while Cairn was down\",\"ts\":\"1709629320.000300\"}");
        assertThat(slack.event(late, clock.instant()).statusCode()).isEqualTo(200);
        assertThat(messages(ada, incident)).hasSize(2);
        // Nothing that came from Slack or an import is posted back to the channel.
        jobs.runDue();
        assertThat(FakeSlack.get().callsIn("chat.postMessage", channel)).isEmpty();
        assertThat(notifications.deliveries("slack:incident:" + incident)).isEmpty();
    }

    private static List<String> messages(Person who, long incident) {
        JsonNode page =
                who.api().get("/api/v1/incidents/" + incident + "/timeline").json();
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .filter(e -> e.get("kind").asString().equals("message"))
                .map(e -> e.get("body").asString())
                .sorted()
                .toList();
    }

    private HttpResponse<String> upload(Person who, long incident, byte[] file, String channel)
            throws IOException, InterruptedException {
        String boundary = "----cairn" + id();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"kind", "slack-export"}, {"channel", channel}}) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                            + field[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.zip\""
                        + "\r\nContent-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/incidents/" + incident + "/imports"))
                                .header("Authorization", "Bearer " + who.token())
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
