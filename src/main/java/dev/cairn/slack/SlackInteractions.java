package dev.cairn.slack;

import dev.cairn.escalation.Paging;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.slack.internal.SlackBlocks;
import dev.cairn.slack.internal.SlackPeople;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Buttons pressed in Slack ({@code block_actions}). Acknowledge on a page's direct message
 * acknowledges the page as the web page does, as the Cairn user matched to the Slack member; the
 * answer is posted back in the conversation through the outbox. Quick enough to do within Slack's
 * three seconds.
 */
@Service
public class SlackInteractions {

    private final SlackPeople people;
    private final Paging paging;
    private final Notifications notifications;

    SlackInteractions(SlackPeople people, Paging paging, Notifications notifications) {
        this.people = people;
        this.paging = paging;
        this.notifications = notifications;
    }

    @Transactional
    public void handle(JsonNode payload) {
        if (!"block_actions".equals(payload.path("type").asString(""))) {
            return;
        }
        String channel = payload.path("channel")
                .path("id")
                .asString(payload.path("container").path("channel_id").asString(""));
        for (JsonNode action : payload.path("actions")) {
            if (SlackBlocks.PAGE_ACK.equals(action.path("action_id").asString(""))) {
                acknowledge(
                                action.path("value").asString(""),
                                payload.path("user").path("id").asString(""))
                        .ifPresent(answer -> reply(channel, answer));
            }
        }
    }

    private Optional<String> acknowledge(String topic, String slackUser) {
        if (!topic.matches("page:\\d{1,18}")) {
            return Optional.empty();
        }
        long pageId = Long.parseLong(topic.substring("page:".length()));
        Optional<UserView> user = people.author(slackUser).user();
        if (user.isEmpty()) {
            return Optional.of("Cairn does not know your Slack account: add your Slack member id (" + slackUser
                    + ") to your Cairn account, or use the same e-mail in both. Acknowledge here instead: "
                    + notifications.absolute("/pages/" + pageId));
        }
        UserView u = user.get();
        try {
            paging.acknowledge(pageId, new Actor(u.id(), u.email(), u.name(), u.role(), null), "slack");
            return Optional.of(":white_check_mark: Page #" + pageId + " acknowledged by " + u.name() + ".");
        } catch (ForbiddenException | ConflictException | NotFoundException e) {
            return Optional.of("Cannot acknowledge page #" + pageId + ": " + e.getMessage());
        }
    }

    private void reply(String channel, String text) {
        if (channel.isEmpty()) {
            return;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", channel);
        args.put("text", text);
        notifications.callSlack("slack:interaction:" + channel, "slack-reply", "chat.postMessage", args);
    }
}
