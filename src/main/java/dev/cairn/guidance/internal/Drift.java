package dev.cairn.guidance.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When an incident drifts, as a pure function of what is known about it at a moment: which nudge
 * conditions hold (each with the occurrence it belongs to, so it is raised once), and when the next
 * one could start to hold.
 */
public final class Drift {

    public static final String NO_COMMANDER = "no_commander";
    public static final String NO_UPDATE = "no_update";
    public static final String UNACKNOWLEDGED_PAGE = "unacknowledged_page";
    public static final String SILENCE = "silence";

    private Drift() {}

    public record Limits(
            Duration noCommanderUrgent,
            Duration noCommander,
            Set<String> urgentSeverities,
            Duration noUpdate,
            Duration unacknowledgedPage,
            Duration silence,
            Set<String> silenceSeverities,
            Set<String> updateSeverities) {}

    /** A page of the incident that nobody acknowledged yet. */
    public record OpenPage(long id, String title, Instant createdAt) {}

    /** What is known about the incident. A null time means "never" (then the declaration counts). */
    public record Facts(
            String severity,
            boolean drill,
            Instant declaredAt,
            boolean hasCommander,
            Instant commanderLostAt,
            Instant lastUpdateAt,
            Instant lastWrittenAt,
            List<OpenPage> openPages) {}

    public record Due(String condition, String occurrence, String text) {}

    /** The conditions that hold at {@code now}, and the earliest later moment another could (or null). */
    public record Result(List<Due> due, Instant nextDeadline) {}

    public static Result evaluate(Facts facts, Limits limits, Instant now) {
        List<Due> due = new ArrayList<>();
        Instant[] next = {null};
        String prefix = facts.drill() ? "Drill practice: " : "";

        if (!facts.hasCommander()) {
            Instant since = later(facts.declaredAt(), facts.commanderLostAt());
            Duration limit = limits.urgentSeverities().contains(facts.severity())
                    ? limits.noCommanderUrgent()
                    : limits.noCommander();
            check(
                    since,
                    limit,
                    now,
                    next,
                    () -> due.add(new Due(
                            NO_COMMANDER,
                            key(since),
                            prefix + "Nobody has been commander for " + minutes(limit)
                                    + ". One person should take command: they decide, everyone else helps.")));
        }

        Instant lastUpdate = later(facts.declaredAt(), facts.lastUpdateAt());
        // Stakeholders expect regular updates on the severe incidents only (as the comms cadence).
        if (limits.updateSeverities().contains(facts.severity()))
            check(
                    lastUpdate,
                    limits.noUpdate(),
                    now,
                    next,
                    () -> due.add(new Due(
                            NO_UPDATE,
                            key(lastUpdate),
                            prefix + "No stakeholder update for " + minutes(limits.noUpdate())
                                    + ". Post one now, even if nothing changed: what is affected, what you are doing,"
                                    + " when the next update comes.")));

        for (OpenPage page : facts.openPages()) {
            check(
                    page.createdAt(),
                    limits.unacknowledgedPage(),
                    now,
                    next,
                    () -> due.add(new Due(
                            UNACKNOWLEDGED_PAGE,
                            "page-" + page.id(),
                            prefix + "Nobody has acknowledged page #" + page.id() + " (" + page.title() + ") for "
                                    + minutes(limits.unacknowledgedPage())
                                    + ". Call the person on call directly, or page someone else.")));
        }

        if (limits.silenceSeverities().contains(facts.severity())) {
            Instant lastWritten = later(facts.declaredAt(), facts.lastWrittenAt());
            check(
                    lastWritten,
                    limits.silence(),
                    now,
                    next,
                    () -> due.add(new Due(
                            SILENCE,
                            key(lastWritten),
                            prefix + "The room has been quiet for " + minutes(limits.silence()) + " on a "
                                    + facts.severity()
                                    + ". Say what you are working on, even if it is \"still looking\".")));
        }
        return new Result(List.copyOf(due), next[0]);
    }

    private static void check(Instant since, Duration limit, Instant now, Instant[] next, Runnable raise) {
        Instant at = since.plus(limit);
        if (!at.isAfter(now)) {
            raise.run();
        } else if (next[0] == null || at.isBefore(next[0])) {
            next[0] = at;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String key(Instant since) {
        return String.valueOf(since.getEpochSecond());
    }

    static String minutes(Duration duration) {
        long m = duration.toMinutes();
        return m == 1 ? "1 minute" : m + " minutes";
    }
}
