package dev.cairn.notification.internal;

import java.util.Locale;

/**
 * The life of a delivery. PENDING waits for its time; SENDING is claimed by one node (shown to
 * people as pending); SENT, FAILED and CANCELLED are final. Allowed: PENDING to SENDING or
 * CANCELLED, SENDING to SENT, FAILED or PENDING (a retry), and SENDING to SENDING when a node died
 * mid-send and another takes over.
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    CANCELLED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus of(String db) {
        return valueOf(db.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == SENT || this == FAILED || this == CANCELLED;
    }

    /** As the API and pages say it: a claimed delivery is still pending to its reader. */
    public String shown() {
        return this == SENDING ? "pending" : db();
    }
}
