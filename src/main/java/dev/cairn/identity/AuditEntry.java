package dev.cairn.identity;

import java.time.Instant;

/** One write, as the audit log keeps it: who, what, when, from where. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        Long actorId,
        String actor,
        String action,
        String targetType,
        String targetId,
        String detail,
        String remoteAddr) {}
