package dev.cairn.slack;

import dev.cairn.notification.Notifications;
import dev.cairn.slack.internal.SlackCalls;
import dev.cairn.slack.internal.SlackStore;
import dev.cairn.timeline.EntryKind;
import dev.cairn.timeline.EntryPosted;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What people write in the web room appears in the incident's Slack channel, with the author's
 * name. Planned in the posting transaction through the outbox (the channel's lane keeps posts in
 * order and about one a second), so a post exists in Slack exactly when it exists in Cairn, even if
 * Slack is down for a while. Entries from Slack or imports are not posted: they never pass here.
 */
@Component
class SlackRoomPush {

    static final String KIND = "slack-room";

    private final SlackStore store;
    private final SlackSettings settings;
    private final Notifications notifications;

    SlackRoomPush(SlackStore store, SlackSettings settings, Notifications notifications) {
        this.store = store;
        this.settings = settings;
        this.notifications = notifications;
    }

    @EventListener
    void posted(EntryPosted posted) {
        if (!settings.configured() || store.closing(posted.incidentId())) {
            // A closed incident's channel is archived (or about to be): Slack would refuse the post.
            return;
        }
        store.channelOf(posted.incidentId()).ifPresent(channel -> {
            String label = switch (posted.kind()) {
                case EntryKind.NOTE -> " (note)";
                case EntryKind.UPDATE -> " (update)";
                default -> "";
            };
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("channel", channel);
            args.put(
                    "text",
                    SlackCalls.clip("*" + SlackCalls.escape(posted.authorName()) + "*" + label + " in Cairn: "
                            + SlackCalls.escape(posted.body())));
            args.put("unfurl_links", false);
            notifications.callSlack("slack:incident:" + posted.incidentId(), KIND, "chat.postMessage", args);
        });
    }
}
