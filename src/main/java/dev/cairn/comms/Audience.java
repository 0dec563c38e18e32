package dev.cairn.comms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who hears about incidents in their own words: a template, a cadence (minutes between updates per
 * severity; a severity missing has no cadence) and its recipients.
 */
public record Audience(
        long id,
        String slug,
        String name,
        String description,
        String subjectTemplate,
        String template,
        int position,
        Map<String, Integer> cadence,
        List<Recipient> recipients,
        Instant updatedAt) {

    /** Minutes between updates for an incident of this severity, or null when there is no cadence. */
    public Integer every(String severity) {
        return cadence.get(severity);
    }

    /**
     * Someone outside Cairn who gets this audience's updates: an e-mail address or list, or a signed
     * webhook (its address shown by host only, its secret never after creation).
     */
    public record Recipient(long id, String channel, String address, String display, Instant createdAt) {}
}
