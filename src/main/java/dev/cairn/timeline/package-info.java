/**
 * The incident timeline: messages, notes, updates and every change of the incident, with author,
 * time and source; stars, edits with history, soft deletes; search; and the live room fan-out over
 * Server-Sent Events, across nodes through PostgreSQL LISTEN/NOTIFY.
 */
package dev.cairn.timeline;
