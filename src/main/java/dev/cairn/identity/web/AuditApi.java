package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.AuditEntry;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when and from where (admins)")
class AuditApi {

    private final Audit audit;

    AuditApi(Audit audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first; actor is a substring, action a prefix, to is exclusive")
    CursorPage<AuditEntry> list(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(name = "actor", required = false) String actorFilter,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return audit.page(actor, new Audit.Filter(actorFilter, action, from, to), cursor, CursorPage.limit(limit));
    }
}
