package dev.cairn.timeline;

/**
 * Someone wrote in the room (web or API), published inside the posting transaction so a listener
 * can plan durable work (a Slack post) that exists exactly when the entry does. Mirrored and
 * imported entries are never announced this way: they came from outside and must not go back.
 */
public record EntryPosted(long incidentId, long entryId, String kind, String body, String authorName, String source) {}
