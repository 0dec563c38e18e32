package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import java.time.Instant;

/**
 * One message ready to hand to a channel; {@code secret} is the webhook's signing key (or null);
 * {@code request}: a planned Slack Web API call as JSON (or null); {@code personal}: to a Cairn user (who has notification settings), not an outside recipient.
 */
record Outgoing(
        long deliveryId,
        String kind,
        String topic,
        Channel channel,
        String target,
        String secret,
        String subject,
        String text,
        String link,
        String actionUrl,
        String actionLabel,
        Instant sentAt,
        boolean personal,
        String request) {}
