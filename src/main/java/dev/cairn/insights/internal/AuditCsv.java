package dev.cairn.insights.internal;

import dev.cairn.insights.AuditIncident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * The audit report's incidents as CSV (RFC 4180): a header line, then one line per incident, CRLF
 * line ends. A field with a comma, a quote or a line break is quoted and its quotes doubled; a
 * field a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
 * apostrophe, since incident titles come from anyone who can declare one.
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of(
            "reference",
            "title",
            "severity",
            "type",
            "drill",
            "private",
            "status",
            "services",
            "commander",
            "impact_started_at",
            "detected_at",
            "declared_at",
            "acknowledged_at",
            "mitigated_at",
            "resolved_at",
            "closed_at",
            "review_state",
            "action_items");

    private final Writer out;

    public AuditCsv(Writer out) {
        this.out = out;
    }

    public void header() {
        line(HEADER);
    }

    public void row(AuditIncident i) {
        line(List.of(
                i.reference(),
                i.title(),
                i.severity(),
                i.type(),
                i.drill() ? "yes" : "no",
                i.restricted() ? "yes" : "no",
                i.status(),
                i.services(),
                i.commander() == null ? "" : i.commander(),
                time(i.impactStartedAt()),
                time(i.detectedAt()),
                time(i.declaredAt()),
                time(i.acknowledgedAt()),
                time(i.mitigatedAt()),
                time(i.resolvedAt()),
                time(i.closedAt()),
                i.reviewState(),
                i.actionItems()));
    }

    private void line(List<String> fields) {
        try {
            for (int f = 0; f < fields.size(); f++) {
                if (f > 0) {
                    out.write(',');
                }
                out.write(field(fields.get(f)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String time(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** One field, neutralised against formulas and quoted when needed. */
    public static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
