package dev.cairn.incident;

import java.util.Locale;

/** What changed in an incident; each kind becomes a timeline entry of the same name. */
public enum ChangeKind {
    DECLARED,
    STATUS,
    SEVERITY,
    TITLE,
    SUMMARY,
    TYPE,
    SERVICES,
    ROLE_ASSIGNED,
    ROLE_UNASSIGNED,
    TIMESTAMP,
    PARTICIPANT_JOINED,
    PARTICIPANT_LEFT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
