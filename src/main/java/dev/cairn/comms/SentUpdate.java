package dev.cairn.comms;

import java.time.Instant;

/** An update as it was sent to one audience. */
public record SentUpdate(
        long id,
        long incidentId,
        Long audienceId,
        String audienceName,
        String subject,
        String body,
        String impact,
        String actions,
        String workaround,
        Instant nextUpdateAt,
        int recipients,
        boolean drill,
        Long sentBy,
        String sentByName,
        Instant sentAt) {

    SentUpdate named(String name) {
        return new SentUpdate(
                id,
                incidentId,
                audienceId,
                audienceName,
                subject,
                body,
                impact,
                actions,
                workaround,
                nextUpdateAt,
                recipients,
                drill,
                sentBy,
                name,
                sentAt);
    }
}
