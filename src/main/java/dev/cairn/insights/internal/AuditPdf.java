package dev.cairn.insights.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.cairn.insights.AuditIncident;
import dev.cairn.insights.AuditPeriod;
import dev.cairn.insights.AuditProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The audit report as PDF: the Thymeleaf template {@code insights/audit-pdf} rendered to XHTML, then to PDF. */
@Component
public class AuditPdf {

    private final ITemplateEngine templates;

    AuditPdf(ITemplateEngine templates) {
        this.templates = templates;
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** A time as the PDF shows it (UTC, to the minute); a dash when it is not set. */
    public String at(Instant time) {
        return time == null ? "\u2013" : TIME.format(time);
    }

    public void write(
            AuditPeriod period,
            AuditProcess process,
            List<AuditIncident> incidents,
            String generatedBy,
            Instant generatedAt,
            OutputStream out) {
        Context context = new Context();
        context.setVariable("period", period);
        context.setVariable("process", process);
        context.setVariable("incidents", incidents);
        context.setVariable("generatedBy", generatedBy);
        context.setVariable("generatedAt", generatedAt);
        context.setVariable("fmt", this);
        context.setVariable(
                "drills", incidents.stream().filter(AuditIncident::drill).count());
        context.setVariable(
                "restricted",
                incidents.stream().filter(AuditIncident::restricted).count());
        String xhtml = templates.process("insights/audit-pdf", context);
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .withHtmlContent(xhtml, null)
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
