package dev.cairn.notification;

/**
 * One delivery a notice would make: to a contact method ({@code null} for the account e-mail), on
 * a channel, to an address, {@code delayMinutes} after the notice.
 */
public record NotificationStep(Long contactMethodId, Channel channel, String target, int delayMinutes) {}
