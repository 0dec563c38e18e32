package dev.cairn.escalation;

import java.time.Instant;

/** Published in the acknowledging transaction (the alert group it came from is acknowledged too). */
public record PageAcknowledged(long pageId, Long alertGroupId, Long incidentId, long userId, Instant at) {}
