package dev.cairn.identity;

/** A person as other modules and the API see them (no secrets). */
public record UserView(long id, String email, String name, String timeZone, Role role, String slackId, boolean active) {

    public String initials() {
        String[] parts = name.trim().split("\\s+");
        String first = parts[0].isEmpty() ? "?" : parts[0].substring(0, 1);
        String last = parts.length > 1 ? parts[parts.length - 1].substring(0, 1) : "";
        return (first + last).toUpperCase(java.util.Locale.ROOT);
    }
}
