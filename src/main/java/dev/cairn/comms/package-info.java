/**
 * Audience updates: audiences (executives, customer-facing teams, engineering, public) with a
 * template, recipients and a cadence per severity; drafts per audience from one update written in
 * the room; sending through the notification outbox and onto the timeline; reminders when an update
 * is due (db-scheduler, fenced per incident); people following an incident or a service.
 */
package dev.cairn.comms;
