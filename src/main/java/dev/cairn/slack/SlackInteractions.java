package dev.cairn.slack;

import dev.cairn.escalation.Paging;
import dev.cairn.guidance.Checklists;
import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.slack.internal.SlackBlocks;
import dev.cairn.slack.internal.SlackCards;
import dev.cairn.slack.internal.SlackPeople;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Buttons pressed and forms submitted in Slack. Acknowledge on a page's direct message
 * acknowledges the page as the web page does, and a checklist button ticks the item, both as the
 * Cairn user matched to the Slack member; answers are posted back through the outbox. The declare
 * form ({@code view_submission}) answers with Slack's {@code response_action}. Each is one short
 * transaction, quick enough for Slack's three seconds.
 */
@Service
public class SlackInteractions {

    private final SlackPeople people;
    private final Paging paging;
    private final Notifications notifications;
    private final Checklists checklists;
    private final SlackDeclare declare;

    SlackInteractions(
            SlackPeople people,
            Paging paging,
            Notifications notifications,
            Checklists checklists,
            SlackDeclare declare) {
        this.people = people;
        this.paging = paging;
        this.notifications = notifications;
        this.checklists = checklists;
        this.declare = declare;
    }

    /** Handles the payload; answers the body Slack expects back, if any (a form's response_action). */
    public Optional<Map<String, Object>> handle(JsonNode payload) {
        String type = payload.path("type").asString("");
        if ("view_submission".equals(type)) {
            return submitted(payload);
        }
        if (!"block_actions".equals(type)) {
            return Optional.empty();
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
            } else if (SlackBlocks.PAGE_ESCALATE.equals(action.path("action_id").asString(""))) {
                escalate(
                                action.path("value").asString(""),
                                payload.path("user").path("id").asString(""))
                        .ifPresent(answer -> reply(channel, answer));
            } else if (action.path("action_id").asString("").startsWith(SlackCards.CHECK)) {
                tick(
                                action.path("value").asString(""),
                                payload.path("user").path("id").asString(""))
                        .ifPresent(answer -> reply(channel, answer));
            }
        }
        return Optional.empty();
    }

    private Optional<Map<String, Object>> submitted(JsonNode payload) {
        JsonNode view = payload.path("view");
        if (!SlackDeclare.CALLBACK.equals(view.path("callback_id").asString(""))) {
            return Optional.empty();
        }
        String slackUser = payload.path("user").path("id").asString("");
        Optional<UserView> user = people.author(slackUser).user();
        if (user.isEmpty()) {
            return Optional.of(SlackDeclare.errors("title", unknown(slackUser)));
        }
        return Optional.of(declare.submit(view, user.get()));
    }

    /** A checklist button: ticks (or unticks) as the person who clicked; silent when it worked. */
    private Optional<String> tick(String value, String slackUser) {
        if (!value.matches("check:\\d{1,18}:\\d{1,18}:[01]")) {
            return Optional.empty();
        }
        String[] parts = value.split(":");
        long incidentId = Long.parseLong(parts[1]);
        long itemId = Long.parseLong(parts[2]);
        Optional<UserView> user = people.author(slackUser).user();
        if (user.isEmpty()) {
            return Optional.of(unknown(slackUser));
        }
        UserView u = user.get();
        try {
            checklists.tick(
                    incidentId, itemId, parts[3].equals("1"), new Actor(u.id(), u.email(), u.name(), u.role(), null));
            return Optional.empty();
        } catch (ForbiddenException | ConflictException | NotFoundException | InvalidInputException e) {
            return Optional.of("Cannot change that checklist item: " + e.getMessage());
        }
    }

    private static String unknown(String slackUser) {
        return "Cairn does not know your Slack account: add your Slack member id (" + slackUser
                + ") to your Cairn account, or use the same e-mail in both.";
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

    /** Escalate on a page's direct message: the next step fires now, as the member's Cairn user. */
    private Optional<String> escalate(String topic, String slackUser) {
        if (!topic.matches("page:\\d{1,18}")) {
            return Optional.empty();
        }
        long pageId = Long.parseLong(topic.substring("page:".length()));
        Optional<UserView> user = people.author(slackUser).user();
        if (user.isEmpty()) {
            return Optional.of(
                    unknown(slackUser) + " Escalate here instead: " + notifications.absolute("/pages/" + pageId));
        }
        UserView u = user.get();
        try {
            var page = paging.escalateNow(pageId, new Actor(u.id(), u.email(), u.name(), u.role(), null), "slack");
            return Optional.of(":arrow_double_up: Page #" + pageId + " escalated by " + u.name() + ": step "
                    + page.stepsFired() + " has fired.");
        } catch (ForbiddenException | ConflictException | NotFoundException e) {
            return Optional.of("Cannot escalate page #" + pageId + ": " + e.getMessage());
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
