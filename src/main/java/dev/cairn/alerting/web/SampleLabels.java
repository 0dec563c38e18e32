package dev.cairn.alerting.web;

import dev.cairn.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sample alert labels pasted as {@code key=value} lines, to test the routing rules against. */
final class SampleLabels {

    private SampleLabels() {}

    static Map<String, String> parse(String sample, int maxLength) {
        if (sample == null || sample.isBlank()) {
            throw new InvalidInputException("sample", "is empty: paste the labels of an alert, one key=value a line");
        }
        if (sample.length() > maxLength) {
            throw new InvalidInputException("sample", "is too long (at most " + maxLength / 1024 + " KiB)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = sample.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("sample", "line " + (n + 1) + " (" + line + "): write key=value");
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(line.substring(0, eq).strip(), value);
        }
        return fields;
    }
}
