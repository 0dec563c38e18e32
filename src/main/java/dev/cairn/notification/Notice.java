package dev.cairn.notification;

import dev.cairn.shared.InvalidInputException;

/**
 * What to tell a person; each channel renders it. {@code topic} groups deliveries (e.g. {@code
 * page:42}) so they can be listed and cancelled together; {@code kind} says what it is ({@code
 * page}, {@code admin-alert}, {@code test}); {@code link} is an absolute URL to open in Cairn and
 * {@code actionUrl}/{@code actionLabel} a one-time action such as "Acknowledge" (each may be null).
 *
 * <p>Lenient on purpose: a page must go out even when its text is long or its label missing, so
 * over-long values are shortened and a missing action label gets a default. Refused: a missing
 * topic, kind or subject, and links that are not absolute http(s) URLs (a relative link would not
 * open from an e-mail).
 */
public record Notice(
        String topic, String kind, String subject, String text, String link, String actionUrl, String actionLabel) {

    public static final int MAX_TOPIC = 200;
    public static final int MAX_KIND = 50;
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_TEXT = 8000;
    public static final int MAX_URL = 2000;
    public static final int MAX_LABEL = 100;

    public Notice {
        topic = required(topic, "topic", MAX_TOPIC);
        kind = required(kind, "kind", MAX_KIND);
        // A subject is one line: e-mail headers and chat previews break on line breaks.
        subject = shorten(
                required(subject, "subject", Integer.MAX_VALUE).replaceAll("\\s*[\\r\\n]+\\s*", " "), MAX_SUBJECT);
        text = text == null ? "" : shorten(text.strip(), MAX_TEXT);
        link = url(link, "link");
        actionUrl = url(actionUrl, "actionUrl");
        if (actionUrl == null) {
            actionLabel = null;
        } else {
            actionLabel =
                    actionLabel == null || actionLabel.isBlank() ? "Open" : shorten(actionLabel.strip(), MAX_LABEL);
        }
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.strip().length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static String url(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        if (url.length() > MAX_URL || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new InvalidInputException(
                    field, "must be an absolute http(s) URL of at most " + MAX_URL + " characters");
        }
        return url;
    }

    private static String shorten(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
    }
}
