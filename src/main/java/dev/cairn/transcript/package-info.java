/**
 * Transcript imports: a Slack workspace export (one channel, optionally a time range), a call
 * transcript in WebVTT (Zoom, Google Meet, Teams) or a generic chat log (CSV or JSON lines) brought
 * into an incident's timeline with their original times and authors. Files are read as streams,
 * imported in one transaction in JDBC batches, and keyed so a second import adds nothing twice.
 */
package dev.cairn.transcript;
