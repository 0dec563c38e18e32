package dev.cairn.notification;

import java.time.Instant;
import java.util.List;

/**
 * One message to one person on one channel, with every attempt oldest first. {@code channel} is
 * "email" or "webhook"; {@code address} the e-mail address or the webhook's host, for display;
 * {@code status} "pending", "sent", "failed" or "cancelled"; {@code dueAt} when it is (next) sent.
 */
public record DeliveryView(
        long id,
        String topic,
        long userId,
        Long contactMethodId,
        String channel,
        String address,
        String status,
        Instant dueAt,
        Instant sentAt,
        int attemptCount,
        String lastError,
        List<AttemptView> attempts) {

    public boolean pending() {
        return "pending".equals(status);
    }
}
