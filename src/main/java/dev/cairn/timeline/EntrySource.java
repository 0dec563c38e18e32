package dev.cairn.timeline;

import dev.cairn.identity.Actor;

/** Where an entry came from. Slack and imports arrive with later modules. */
public final class EntrySource {

    public static final String WEB = "web";
    public static final String API = "api";
    public static final String SYSTEM = "system";
    public static final String SLACK = "slack";

    private EntrySource() {}

    public static String of(Actor actor) {
        if (actor.isSystem()) {
            return SYSTEM;
        }
        return actor.scope() == null ? WEB : API;
    }
}
