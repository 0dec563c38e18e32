/**
 * How Cairn reaches people: contact methods (e-mail, outgoing webhooks; Slack later), the rules
 * that say when each is used, and a durable outbox on db-scheduler that sends, retries with
 * backoff, honours providers' Retry-After and records every attempt where people can see it.
 * Other modules call {@link dev.cairn.notification.Notifications}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "shared"})
package dev.cairn.notification;
