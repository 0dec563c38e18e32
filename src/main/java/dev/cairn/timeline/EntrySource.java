package dev.cairn.timeline;

import dev.cairn.identity.Actor;

/** Where an entry came from: written in Cairn (web, API), by Cairn, mirrored from Slack, or imported. */
public final class EntrySource {

    public static final String WEB = "web";
    public static final String API = "api";
    public static final String SYSTEM = "system";
    public static final String SLACK_EXPORT = "slack-export";
    public static final String VTT = "vtt";
    public static final String CHAT_LOG = "chat-log";
    private static final java.util.Set<String> IMPORTS = java.util.Set.of(SLACK_EXPORT, VTT, CHAT_LOG);
    public static final String SLACK = "slack";

    private EntrySource() {}

    /** Sources of entries imported from outside Cairn. */
    public static boolean isImport(String source) {
        return IMPORTS.contains(source);
    }

    public static String of(Actor actor) {
        if (actor.isSystem()) {
            return SYSTEM;
        }
        return actor.scope() == null ? WEB : API;
    }
}
