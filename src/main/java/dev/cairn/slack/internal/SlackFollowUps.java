package dev.cairn.slack.internal;

import dev.cairn.notification.SlackTransport;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** What Cairn does once a Slack call has succeeded, by the call's kind. */
@Component
public class SlackFollowUps {

    void after(SlackTransport.Call call, String method, Map<String, Object> args, JsonNode answer) {
        // Plain posts need nothing more.
    }
}
