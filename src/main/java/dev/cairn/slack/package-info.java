/**
 * The Slack app: request verification, the Events API (an incident channel mirrored to the
 * timeline with real authors, edits, deletions and a reaction that stars a key moment) and the
 * {@code /incident} slash command. Without a signing secret and bot token Cairn runs normally and
 * the Slack endpoints answer that Slack is not configured.
 */
package dev.cairn.slack;
