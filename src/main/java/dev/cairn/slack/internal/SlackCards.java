package dev.cairn.slack.internal;

import dev.cairn.guidance.IncidentChecklist;
import dev.cairn.guidance.IncidentChecklistItem;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two messages Cairn keeps current in an incident channel: the pinned summary card and the
 * checklist with a button per item. Rendered from the incident's state at the time of the call.
 */
public final class SlackCards {

    /** Prefix of a checklist button's action id (action ids are unique within a message). */
    public static final String CHECK = "cairn_check_";

    /** Slack allows 50 blocks in a message; the checklist keeps room for its heading and a footer. */
    static final int MAX_ITEMS = 45;

    private SlackCards() {}

    /** {@code #inc-42-short-title}: lowercase, letters, digits and dashes, at most 80 characters. */
    public static String channelName(Incident incident, int attempt) {
        String slug = incident.title()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        String suffix = attempt <= 1 ? "" : "-" + attempt;
        String prefix = "inc-" + incident.id();
        int room = 80 - prefix.length() - suffix.length() - 1;
        if (slug.length() > room) {
            slug = slug.substring(0, Math.max(0, room)).replaceAll("-+$", "");
        }
        return prefix + (slug.isEmpty() ? "" : "-" + slug) + suffix;
    }

    /** The pinned summary: status, severity, roles, services and a link to the web room. */
    public static Map<String, Object> summary(String channel, String ts, Incident incident, String roomUrl) {
        String title = incident.reference() + " · " + incident.title();
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("Status", incident.status().label()));
        fields.add(field(
                "Severity",
                incident.severity()
                        + (incident.type() == IncidentType.DEFAULT
                                ? ""
                                : " (" + incident.type().json() + ")")));
        for (IncidentRole role :
                List.of(IncidentRole.COMMANDER, IncidentRole.COMMUNICATIONS_LEAD, IncidentRole.SCRIBE)) {
            fields.add(field(
                    role.label(),
                    incident.holder(role).map(Incident.RoleHolder::name).orElse("nobody yet")));
        }
        fields.add(field(
                "Services",
                incident.services().isEmpty()
                        ? "none named"
                        : incident.services().stream()
                                .map(Incident.ServiceRef::name)
                                .collect(Collectors.joining(", "))));
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(clip(title, 150))));
        blocks.add(Map.of("type", "section", "fields", fields));
        blocks.add(Map.of(
                "type",
                "actions",
                "elements",
                List.of(Map.of(
                        "type",
                        "button",
                        "text",
                        plain("Open the room in Cairn"),
                        "url",
                        roomUrl,
                        "action_id",
                        "cairn_open_room"))));
        blocks.add(Map.of(
                "type",
                "context",
                "elements",
                List.of(mrkdwn("Pinned by Cairn, kept current as the incident changes."))));
        Map<String, Object> args = message(channel, ts);
        args.put(
                "text",
                SlackCalls.clip(
                        SlackCalls.escape(title) + " — " + incident.status().label() + ", " + incident.severity()));
        args.put("blocks", blocks);
        return args;
    }

    /** The checklist, one button per item: Tick, or Untick for a ticked item. */
    public static Map<String, Object> checklist(String channel, String ts, Incident incident, IncidentChecklist list) {
        List<IncidentChecklistItem> items = list.items();
        String heading = "*Checklist for " + SlackCalls.escape(incident.severity()) + "* — " + list.done() + " of "
                + items.size() + " done. Tick items here or in the room; both stay in step.";
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "section", "text", mrkdwn(heading)));
        for (IncidentChecklistItem item : items.subList(0, Math.min(items.size(), MAX_ITEMS))) {
            String text = item.ticked()
                    ? ":white_check_mark: ~" + SlackCalls.escape(item.text()) + "~ — "
                            + SlackCalls.escape(item.tickedByName() == null ? "someone" : item.tickedByName())
                    : ":white_square: " + SlackCalls.escape(item.text());
            blocks.add(Map.of(
                    "type",
                    "section",
                    "text",
                    mrkdwn(clip(text, 2900)),
                    "accessory",
                    Map.of(
                            "type",
                            "button",
                            "action_id",
                            CHECK + item.id(),
                            "text",
                            plain(item.ticked() ? "Untick" : "Tick"),
                            "value",
                            "check:" + incident.id() + ":" + item.id() + ":" + (item.ticked() ? "0" : "1"))));
        }
        if (items.size() > MAX_ITEMS) {
            blocks.add(Map.of(
                    "type",
                    "context",
                    "elements",
                    List.of(mrkdwn("…and " + (items.size() - MAX_ITEMS) + " more items in the room."))));
        }
        Map<String, Object> args = message(channel, ts);
        args.put(
                "text", "Checklist for " + incident.reference() + ": " + list.done() + " of " + items.size() + " done");
        args.put("blocks", blocks);
        return args;
    }

    private static Map<String, Object> message(String channel, String ts) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", channel);
        if (ts != null) {
            args.put("ts", ts);
        } else {
            args.put("unfurl_links", false);
        }
        return args;
    }

    private static Map<String, Object> field(String label, String value) {
        return mrkdwn("*" + label + "*\n" + SlackCalls.escape(value));
    }

    static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
