package dev.cairn.insights;

import dev.cairn.identity.Actor;

/**
 * When a private incident may be counted: admins see every group; anyone else sees a group that
 * contains a private incident only when it has at least {@link #MIN_GROUP} incidents, so no single
 * private incident can be singled out of an aggregate.
 */
public final class Privacy {

    public static final int MIN_GROUP = 3;
    public static final String RULE = "Groups with fewer than " + MIN_GROUP
            + " incidents are hidden when one of them is private (admins see them).";

    private Privacy() {}

    public static boolean hidden(Actor reader, long incidents, long privateIncidents) {
        return !reader.isAdmin() && privateIncidents > 0 && incidents < MIN_GROUP;
    }
}
