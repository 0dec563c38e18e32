package dev.cairn.insights.web;

import dev.cairn.identity.Actor;
import dev.cairn.insights.AuditIncident;
import dev.cairn.insights.AuditPeriod;
import dev.cairn.insights.AuditReports;
import dev.cairn.insights.internal.AuditCsv;
import dev.cairn.insights.internal.AuditPdf;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** Writes the audit report to a response as CSV (streamed) or PDF; shared by the API and the page. */
@Component
class AuditExports {

    private final AuditReports reports;
    private final AuditPdf pdf;
    private final Clock clock;

    AuditExports(AuditReports reports, AuditPdf pdf, Clock clock) {
        this.reports = reports;
        this.pdf = pdf;
        this.clock = clock;
    }

    static String format(String format) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("pdf")) {
            throw new InvalidInputException("format", "must be one of csv, pdf");
        }
        return f;
    }

    /** Checks everything before the first byte is written, so a bad request still gets a clean 400/403. */
    void write(String from, String to, String format, Actor actor, HttpServletResponse response) throws IOException {
        String f = format(format);
        AuditPeriod period = reports.period(from, to);
        var process = reports.process(actor);
        String name = "cairn-audit-" + period.firstDay() + "-to-" + period.lastDay() + "." + f;
        if (f.equals("pdf")) {
            List<AuditIncident> incidents = reports.incidents(period, actor, AuditReports.PDF_MAX_INCIDENTS);
            reports.recordExport(period, f, actor);
            response.setContentType("application/pdf");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
            pdf.write(period, process, incidents, actor.email(), clock.instant(), response.getOutputStream());
            return;
        }
        reports.recordExport(period, f, actor);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        AuditCsv csv = new AuditCsv(out);
        csv.header();
        int[] sinceFlush = {0};
        reports.eachIncident(period, actor, incident -> {
            csv.row(incident);
            if (++sinceFlush[0] == 1000) {
                sinceFlush[0] = 0;
                flush(out);
            }
        });
        out.flush();
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
