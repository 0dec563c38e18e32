package dev.cairn.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Used by
 * everything Cairn sends out: webhooks, Slack, issue trackers.
 */
public final class RetryAfter {

    private RetryAfter() {}

    /**
     * The instant not to retry before, or empty when the header is absent or unreadable. Capped at
     * {@code max} from now (a peer asking for a day must not park work that long); a date in the
     * past means "now".
     */
    public static Optional<Instant> parse(String header, Instant now, Duration max) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        Instant at;
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 9) {
                at = now.plus(max);
            } else {
                at = now.plusSeconds(Long.parseLong(value));
            }
        } else {
            try {
                at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (at.isBefore(now)) {
            return Optional.of(now);
        }
        Instant latest = now.plus(max);
        return Optional.of(at.isAfter(latest) ? latest : at);
    }

    public static String human(Instant at, Instant now) {
        long seconds = Math.max(0, Duration.between(now, at).toSeconds());
        return seconds < 180 ? seconds + " s" : (seconds / 60) + " min";
    }
}
