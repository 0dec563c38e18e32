package dev.cairn.insights.web;

import dev.cairn.identity.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights", description = "Patterns across incidents, and evidence of the incident programme for audits")
class AuditReportApi {

    private final AuditExports exports;

    AuditReportApi(AuditExports exports) {
        this.exports = exports;
    }

    @GetMapping("/audit")
    @Operation(
            summary = "Audit evidence (admins): the configured process and every incident declared in the period",
            description =
                    "Includes private incidents and drills (marked). CSV is streamed, newest incident first;"
                            + " PDF holds at most 5,000 incidents. The review and action-item columns say"
                            + " \"reviews not yet available\" until Cairn has reviews. Each export is written to the audit log.")
    void audit(
            @Parameter(description = "First day (2026-01-01, UTC) or instant; default twelve months before `to`")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "Last day, included (2026-03-31, UTC), or an exclusive instant; default today")
                    @RequestParam(required = false)
                    String to,
            @Parameter(description = "csv (default) or pdf") @RequestParam(required = false) String format,
            HttpServletResponse response)
            throws IOException {
        exports.write(from, to, format, Actors.current().orElseThrow(), response);
    }
}
