package dev.cairn.transcript.internal;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack mrkdwn to plain timeline text: user and channel mentions become names, links keep their
 * label and address, special mentions read as {@code @here}; code spans and blocks are kept as
 * written (the timeline shows text as it is), and Slack's HTML escapes are undone.
 */
public final class Mrkdwn {

    private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");

    private Mrkdwn() {}

    public static String toText(String text, Map<String, String> users, Map<String, String> channels) {
        return toText(text, users::get, channels::get);
    }

    static String toText(String text, Function<String, String> users, Function<String, String> channels) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher m = ANGLE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(token(m.group(1), users, channels)));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String token(String inner, Function<String, String> users, Function<String, String> channels) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : inner.substring(bar + 1);
        if (target.startsWith("@")) {
            String name = users.apply(target.substring(1));
            return "@" + (name != null ? name : label != null ? label : target.substring(1));
        }
        if (target.startsWith("#")) {
            String name = channels.apply(target.substring(1));
            return "#" + (name != null ? name : label != null ? label : target.substring(1));
        }
        if (target.startsWith("!")) {
            if (label != null) {
                return label.startsWith("@") ? label : "@" + label;
            }
            String special = target.substring(1);
            int caret = special.indexOf('^');
            return "@" + (caret < 0 ? special : special.substring(0, caret));
        }
        if (label == null || label.equals(target) || target.equals("mailto:" + label)) {
            return target.startsWith("mailto:") ? target.substring(7) : target;
        }
        return label + " (" + target + ")";
    }
}
