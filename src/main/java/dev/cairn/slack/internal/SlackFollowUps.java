package dev.cairn.slack.internal;

import dev.cairn.notification.SlackTransport;
import dev.cairn.slack.SlackRooms;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What Cairn does once a Slack call has succeeded, by the call's kind: a created channel is linked
 * and filled, a posted card pinned, a looked-up member invited, a closed incident's last message
 * followed by archiving its channel. Each next step is a call of its own
 * through the outbox, so it waits for its own rate lane.
 */
@Component
public class SlackFollowUps {

    private final ObjectProvider<SlackRooms> rooms;

    SlackFollowUps(ObjectProvider<SlackRooms> rooms) {
        this.rooms = rooms;
    }

    void after(SlackTransport.Call call, String method, Map<String, Object> args, JsonNode answer) {
        String kind = call.kind() == null ? "" : call.kind();
        switch (kind) {
            case "slack-create" ->
                incident(call)
                        .ifPresent(id -> rooms.getObject()
                                .created(
                                        id,
                                        answer.path("channel").path("id").asString(),
                                        answer.path("channel").path("name").asString("")));
            case "slack-summary" ->
                incident(call)
                        .ifPresent(id -> rooms.getObject()
                                .summaryPosted(
                                        id,
                                        answer.path("channel").asString(),
                                        answer.path("ts").asString()));
            case "slack-checklist" ->
                incident(call)
                        .ifPresent(id -> rooms.getObject()
                                .checklistPosted(
                                        id,
                                        answer.path("channel").asString(),
                                        answer.path("ts").asString()));
            case "slack-closing" ->
                incident(call)
                        .ifPresent(id -> rooms.getObject()
                                .closingPosted(id, answer.path("channel").asString()));
            case "slack-invite-lookup" -> {
                String slackId = answer.path("user").path("id").asString("");
                if (call.topic().startsWith("slack:invite:") && !slackId.isEmpty()) {
                    rooms.getObject().lookedUp(call.topic().substring("slack:invite:".length()), slackId);
                }
            }
            default -> {
                // Plain posts need nothing more.
            }
        }
    }

    /**
     * A call Slack refused; answers what was done about it, if anything. A taken channel name is
     * tried again with a number added.
     */
    Optional<String> refused(SlackTransport.Call call, String method, Map<String, Object> args, String error) {
        if ("slack-create".equals(call.kind()) && "name_taken".equals(error)) {
            Object value = args.get("name");
            String name = value instanceof JsonNode node ? node.asString() : String.valueOf(value);
            return incident(call)
                    .filter(id -> rooms.getObject().nameTaken(id, name))
                    .map(id -> "; trying another name");
        }
        return Optional.empty();
    }

    private static Optional<Long> incident(SlackTransport.Call call) {
        String topic = call.topic() == null ? "" : call.topic();
        if (!topic.matches("slack:room:\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(topic.substring("slack:room:".length())));
    }
}
