package dev.cairn.notification;

import java.time.Instant;

/** "Notify this contact method {@code delayMinutes} after the notice" (0 = at once). */
public record NotificationRuleView(long id, long userId, long contactMethodId, int delayMinutes, Instant createdAt) {}
