package dev.cairn.notification;

import java.time.Instant;

/** One try to send a delivery: {@code outcome} is "sent", "failed" or "rate_limited". */
public record AttemptView(Instant at, String outcome, String detail, long durationMillis) {}
