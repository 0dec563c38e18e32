package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.AuditEntry;
import dev.cairn.shared.CursorPage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for admins: newest first, filtered by who, what and when (days in UTC). */
@Controller
class AuditController {

    private static final int PAGE_SIZE = 50;

    private final Audit audit;

    AuditController(Audit audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String cursor,
            Model model) {
        Audit.Filter filter = new Audit.Filter(
                actor,
                action,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        CursorPage<AuditEntry> page = audit.page(me, filter, cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute(
                "filtered",
                filter.actor() != null && !filter.actor().isBlank()
                        || filter.action() != null && !filter.action().isBlank()
                        || from != null
                        || to != null);
        return "identity/audit";
    }
}
