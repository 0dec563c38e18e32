package dev.cairn.insights.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.insights.AuditPeriod;
import dev.cairn.insights.AuditReports;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /insights/audit}: the auditor's report, previewed, with CSV and PDF downloads (admins only). */
@Controller
class AuditReportPages {

    static final int PREVIEW = 50;

    private final AuditReports reports;
    private final AuditExports exports;

    AuditReportPages(AuditReports reports, AuditExports exports) {
        this.reports = reports;
        this.exports = exports;
    }

    @GetMapping("/insights/audit")
    String page(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @AuthenticationPrincipal Actor me,
            Model model) {
        Actors.requireAdminRead(me);
        AuditPeriod period;
        try {
            period = reports.period(from, to);
        } catch (InvalidInputException e) {
            model.addAttribute("error", "The period's " + e.field() + " " + e.getMessage() + ".");
            period = reports.period(null, null);
        }
        CursorPage<dev.cairn.insights.AuditIncident> preview = reports.preview(period, me, PREVIEW);
        model.addAttribute("period", period);
        model.addAttribute("process", reports.process(me));
        model.addAttribute("incidents", preview.items());
        model.addAttribute("more", preview.nextCursor() != null);
        model.addAttribute("pdfMax", AuditReports.PDF_MAX_INCIDENTS);
        return "insights/audit";
    }

    @GetMapping("/insights/audit/report")
    void download(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String format,
            @AuthenticationPrincipal Actor me,
            HttpServletResponse response)
            throws IOException {
        exports.write(from, to, format, me, response);
    }
}
