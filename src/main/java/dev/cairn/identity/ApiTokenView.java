package dev.cairn.identity;

import java.time.Instant;

/** An API token without its secret: only the last characters are kept to recognise it. */
public record ApiTokenView(
        long id,
        long userId,
        String name,
        String hint,
        TokenScope scope,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
