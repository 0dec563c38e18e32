package dev.cairn.notification;

import java.time.Instant;

/**
 * A way to reach a person: an e-mail address or a webhook URL (never its secret). {@code
 * pausedUntil} is set while the provider asked Cairn to wait (429/503 with Retry-After).
 */
public record ContactMethodView(
        long id,
        long userId,
        String name,
        Channel channel,
        String address,
        boolean enabled,
        Instant pausedUntil,
        Instant createdAt) {

    /** The address as lists show it: the e-mail address, or only the webhook's host. */
    public String displayAddress() {
        return channel.display(address);
    }
}
