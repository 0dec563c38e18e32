package dev.cairn.notification.internal;

import java.time.Duration;

/**
 * Slack's rate tiers as outbox lanes: posts and edits in one channel about one a second (and in
 * order), channel creation and pins Tier 2 (about 20 a minute), invitations and look-ups Tier 3
 * (about 50 a minute). A lane is shared by every node: its next free slot is in the database.
 */
public final class SlackLanes {

    public static final String CHAT = "slack:chat:";
    public static final String TIER2 = "slack:tier2";
    public static final String TIER3 = "slack:tier3";

    /** A lane and the gap between two of its calls. */
    public record Lane(String name, Duration pace) {

        /** Posts to one channel keep their order: a later one waits for the earlier ones. */
        public boolean ordered() {
            return name.startsWith(CHAT);
        }
    }

    private SlackLanes() {}

    public static Lane of(String method, String channel) {
        return switch (method == null ? "chat.postMessage" : method) {
            case "chat.postMessage", "chat.update", "chat.postEphemeral", "chat.delete" ->
                new Lane(CHAT + (channel == null || channel.isBlank() ? "-" : channel), Duration.ofSeconds(1));
            case "conversations.create", "conversations.archive", "pins.add", "pins.remove", "conversations.setTopic" ->
                new Lane(TIER2, Duration.ofMillis(3000));
            default -> new Lane(TIER3, Duration.ofMillis(1200));
        };
    }
}
