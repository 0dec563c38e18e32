package dev.cairn.shared;

import java.time.Duration;

/** Durations as people read them under stress: "45s", "12m", "3h 5m", "2d 4h". */
public final class Durations {

    private Durations() {}

    public static String human(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + "s";
        }
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h " + (minutes % 60) + "m" : (hours / 24) + "d " + (hours % 24) + "h";
    }
}
