package dev.cairn.comms;

import dev.cairn.shared.InvalidInputException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An audience's words: Markdown with {@code {{placeholders}}} filled from the incident and the
 * update. Unknown placeholders are refused when the template is saved, so a typo never reaches an
 * executive as a literal {@code {{impcat}}}.
 */
public final class UpdateTemplate {

    /** Every placeholder a template may use, with what it stands for (shown on the admin page). */
    public static final Map<String, String> PLACEHOLDERS = placeholders();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private UpdateTemplate() {}

    private static Map<String, String> placeholders() {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("title", "the incident's title");
        all.put("reference", "INC-42");
        all.put("severity", "SEV1 … SEV4");
        all.put("severity_name", "Critical, Major …");
        all.put("status", "investigating, identified, monitoring, resolved");
        all.put("status_text", "the status in plain words for customers");
        all.put("impact", "who is affected and how (from the update)");
        all.put("actions", "what is being done (from the update)");
        all.put("workaround", "what people can do meanwhile (from the update)");
        all.put("next_update", "when the next update comes");
        all.put("commander", "the incident commander");
        all.put("services", "affected services");
        all.put("key_moments", "the latest starred timeline entries");
        all.put("link", "the incident room in Cairn");
        all.put("audience", "the audience's name");
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Fails naming {@code field} and the first unknown placeholder. */
    public static String check(String field, String template, int max) {
        if (template == null || template.isBlank()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (template.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.containsKey(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    field,
                    "uses unknown placeholder {{" + unknown.iterator().next() + "}}; known: "
                            + String.join(", ", PLACEHOLDERS.keySet()));
        }
        return template.strip();
    }

    /** Fills every placeholder; a value missing from {@code values} becomes an empty string. */
    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString().strip();
    }
}
