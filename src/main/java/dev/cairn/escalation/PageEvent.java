package dev.cairn.escalation;

import java.time.Instant;

/** One line of a page's history: a step fired, a person notified, nobody to page, acknowledged… */
public record PageEvent(long id, long pageId, Instant at, String kind, Long userId, String detail) {

    public static final String OPENED = "opened";
    public static final String STEP = "step";
    public static final String NOTIFIED = "notified";
    public static final String NOBODY = "nobody_to_page";
    public static final String EXHAUSTED = "exhausted";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String ESCALATED = "escalated";
    public static final String RESOLVED = "resolved";
}
