package dev.cairn.transcript;

import dev.cairn.shared.InvalidInputException;
import java.util.Arrays;

/** What a file is; its {@link #json()} name is also the imported entries' source. */
public enum ImportKind {
    SLACK_EXPORT("slack-export"),
    VTT("vtt"),
    CHAT_LOG("chat-log");

    private final String json;

    ImportKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static ImportKind parse(String value) {
        return Arrays.stream(values())
                .filter(k -> k.json.equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("kind", "must be slack-export, vtt or chat-log"));
    }
}
