package dev.cairn.slack.internal;

import dev.cairn.notification.SlackTransport;
import java.util.List;
import java.util.Map;

/** Block Kit pieces Cairn sends. */
public final class SlackBlocks {

    public static final String PAGE_ACK = "cairn_page_ack";
    public static final String PAGE_ESCALATE = "cairn_page_escalate";

    private SlackBlocks() {}

    /**
     * A page as a direct message gets Acknowledge and Escalate buttons, handled at
     * /slack/interactions.
     */
    static List<Map<String, Object>> pageButtons(SlackTransport.Call call) {
        if (!"page".equals(call.kind()) || call.topic() == null || !call.topic().startsWith("page:")) {
            return List.of();
        }
        return List.of(
                Map.of(
                        "type",
                        "button",
                        "action_id",
                        PAGE_ACK,
                        "style",
                        "primary",
                        "text",
                        Map.of("type", "plain_text", "text", "Acknowledge"),
                        "value",
                        call.topic()),
                Map.of(
                        "type",
                        "button",
                        "action_id",
                        PAGE_ESCALATE,
                        "text",
                        Map.of("type", "plain_text", "text", "Escalate"),
                        "value",
                        call.topic()));
    }
}
