package dev.cairn.review;

import dev.cairn.shared.InvalidInputException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Phases tag moments: detection, diagnosis and repair for every review, plus the custom phases a
 * review adds. They overlap and recur; a moment may carry several.
 */
public final class Phases {

    public static final List<String> BUILT_IN = List.of("detection", "diagnosis", "repair");
    static final int MAX_CUSTOM = 12;

    private Phases() {}

    /** A phase name as stored: trimmed, lower case, 1–40 letters, digits, spaces or dashes. */
    public static String name(String raw, String field) {
        String name = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,39}")) {
            throw new InvalidInputException(field, "must be 1 to 40 letters, digits, spaces or dashes");
        }
        return name;
    }

    static List<String> split(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return List.of(stored.split(","));
    }

    static String join(Set<String> phases) {
        return String.join(",", phases);
    }

    /** Every phase a review offers: the built-in ones, then its custom ones. */
    static List<String> all(List<String> custom) {
        Set<String> all = new LinkedHashSet<>(BUILT_IN);
        all.addAll(custom);
        return List.copyOf(all);
    }
}
