package dev.cairn.alerting;

import java.time.Instant;

/** An integration without its secret: the hint is the token's last characters. */
public record IntegrationView(
        long id,
        String name,
        IntegrationKind kind,
        Long serviceId,
        String tokenHint,
        GenericMapping mapping,
        Instant createdAt,
        Instant rotatedAt,
        boolean active) {}
