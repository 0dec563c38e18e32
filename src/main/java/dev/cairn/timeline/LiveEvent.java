package dev.cairn.timeline;

/**
 * A change that open rooms must show: a new entry, an entry changed (edit, star, delete), or the
 * incident's header changed. Carries ids only; each node reads what it renders from the database.
 */
public record LiveEvent(long incidentId, Type type, long entryId) {

    public enum Type {
        ENTRY,
        ENTRY_CHANGED,
        INCIDENT
    }

    public String encode() {
        return incidentId + ":" + type.name() + ":" + entryId;
    }

    public static LiveEvent decode(String payload) {
        String[] parts = payload.split(":");
        return new LiveEvent(Long.parseLong(parts[0]), Type.valueOf(parts[1]), Long.parseLong(parts[2]));
    }
}
