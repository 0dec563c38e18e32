package dev.cairn.comms;

import java.time.Instant;
import java.util.List;

/**
 * What to send: the one update, and per audience the (edited) text; an audience given without a
 * body gets its draft as is.
 */
public record SendUpdates(
        String impact, String actions, String workaround, Instant nextUpdateAt, List<AudienceText> updates) {

    /** {@code audience} is the audience's slug (e.g. {@code executives}) or id. */
    public record AudienceText(String audience, String subject, String body) {}

    public ComposeUpdate compose() {
        return new ComposeUpdate(impact, actions, workaround, nextUpdateAt);
    }
}
