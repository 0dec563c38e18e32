package dev.cairn.escalation;

import java.time.Instant;

/** Something wrong with paging itself that an admin must see, e.g. a step with nobody to page. */
public record AdminAlert(long id, String kind, Long pageId, String message, Instant createdAt, Instant clearedAt) {

    public static final String NOBODY_TO_PAGE = "nobody_to_page";
    public static final String UNACKNOWLEDGED = "unacknowledged";
}
