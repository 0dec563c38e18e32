package dev.cairn.action.internal;

import java.time.Instant;
import java.util.Optional;

/** One issue tracker's REST API. */
interface IssueTracker {

    String name();

    Result<Issue> create(String target, String title, String body, String marker);

    /** The issue carrying {@code marker}, created after {@code since}, if there is one. */
    Result<Optional<Issue>> find(String target, String marker, Instant since);

    Result<Issue> get(String target, String key);
}
