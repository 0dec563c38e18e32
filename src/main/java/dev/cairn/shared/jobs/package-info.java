/**
 * Durable, cluster-safe scheduled work on db-scheduler: escalation steps, notification deliveries
 * and retries, reminders. Never in-memory timers: a node can die at any moment and another node
 * finishes its work.
 */
package dev.cairn.shared.jobs;
