package dev.cairn.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.shared.InvalidInputException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a message travels. SLACK: a direct message to a Slack member (address: their member id) or a
 * post in a Slack channel (address: the channel id), and every other Web API call Cairn makes.
 */
public enum Channel {
    EMAIL("e-mail"),
    WEBHOOK("webhook"),
    SLACK("Slack");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** For people: "e-mail", "webhook". */
    public String label() {
        return label;
    }

    /**
     * An address as lists show it: the e-mail address, or only a webhook's host (its path and query
     * may hold the receiver's own token).
     */
    public String display(String address) {
        if (this != WEBHOOK) {
            return address;
        }
        try {
            URI uri = URI.create(address);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "webhook";
        }
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel parse(String value) {
        return Arrays.stream(values())
                .filter(c -> c.json().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "channel",
                        "must be one of "
                                + Arrays.stream(values()).map(Channel::json).collect(Collectors.joining(", "))));
    }
}
