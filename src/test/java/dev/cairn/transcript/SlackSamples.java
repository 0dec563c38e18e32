package dev.cairn.transcript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real-shaped Slack workspace exports, written by hand after Slack's documented export format. */
final class SlackSamples {

    private SlackSamples() {}

    static String users(String adaEmail) {
        return """
                [
                  {"id": "U01ADA", "name": "ada", "real_name": "Ada Lovelace",
                   "profile": {"real_name": "Ada Lovelace", "display_name": "ada", "email": "%s"}},
                  {"id": "U02GRACE", "name": "grace", "real_name": "Grace Hopper",
                   "profile": {"real_name": "Grace Hopper", "display_name": "grace", "email": "grace@elsewhere.example"}}
                ]
                """.formatted(adaEmail);
    }

    static final String CHANNELS = """
            [
              {"id": "C01INC", "name": "inc-checkout", "created": 1700000000, "members": ["U01ADA", "U02GRACE"]},
              {"id": "C02GEN", "name": "general", "created": 1690000000}
            ]
            """;

    /** 2024-03-05: a join, a message with mentions, links and code, a thread, an edit, a bot, a file. */
    static final String DAY1 = """
            [
                {
                    "type": "message",
                    "subtype": "channel_join",
                    "ts": "1709629200.000100",
                    "user": "U02GRACE",
                    "text": "<@U02GRACE> has joined the channel"
                },
                {
                    "client_msg_id": "a1",
                    "type": "message",
                    "text": "<@U02GRACE> checkout p99 is 4s, see <https://grafana.example/d/abc|the dashboard> and <#C02GEN|general>; try `kubectl rollout undo` &amp; watch",
                    "user": "U01ADA",
                    "ts": "1709629260.000200",
                    "thread_ts": "1709629260.000200",
                    "reply_count": 1
                },
                {
                    "type": "message",
                    "text": "rolled back, errors dropping",
                    "user": "U02GRACE",
                    "ts": "1709629320.000300",
                    "thread_ts": "1709629260.000200",
                    "parent_user_id": "U01ADA",
                    "edited": {"user": "U02GRACE", "ts": "1709629330.000000"}
                },
                {
                    "type": "message",
                    "subtype": "bot_message",
                    "text": "Alert resolved: CheckoutLatencyHigh",
                    "username": "PagerBot",
                    "bot_id": "B01",
                    "ts": "1709629380.000400"
                },
                {
                    "type": "message",
                    "text": "the heap dump",
                    "user": "U01ADA",
                    "ts": "1709629440.000500",
                    "files": [{"id": "F01", "name": "heap.hprof", "title": "heap.hprof", "permalink": "https://acme.slack.com/files/U01ADA/F01/heap.hprof"}]
                }
            ]
            """;

    /** 2024-03-06: one more message, the next day. */
    static final String DAY2 = """
            [
                {"type": "message", "text": "postmortem tomorrow", "user": "U01ADA", "ts": "1709715600.000100"}
            ]
            """;

    static byte[] export(String adaEmail) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("inc-checkout/2024-03-05.json", DAY1);
        files.put("inc-checkout/2024-03-06.json", DAY2);
        files.put(
                "general/2024-03-05.json",
                "[{\"type\":\"message\",\"text\":\"lunch?\",\"user\":\"U01ADA\",\"ts\":\"1709629200.000900\"}]");
        files.put("users.json", users(adaEmail));
        files.put("channels.json", CHANNELS);
        return zip(files);
    }

    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
