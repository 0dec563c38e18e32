package dev.cairn.escalation.web;

import dev.cairn.escalation.AdminAlert;
import dev.cairn.escalation.OpenPage;
import dev.cairn.escalation.PageEvent;
import dev.cairn.escalation.PageStatus;
import dev.cairn.escalation.PageView;
import dev.cairn.escalation.Paging;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.notification.DeliveryView;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Escalation", description = "Escalation policies and pages")
class PagesApi {

    private final Paging paging;

    private final dev.cairn.escalation.AdminAlerts adminAlerts;

    PagesApi(Paging paging, dev.cairn.escalation.AdminAlerts adminAlerts) {
        this.paging = paging;
        this.adminAlerts = adminAlerts;
    }

    record OpenRequest(Long policyId, String title, String details, Long incidentId) {}

    record ResolveRequest(String reason) {}

    /** A page with its history and every notification attempt. */
    record PageDetail(PageView page, List<PageEvent> history, List<DeliveryView> notifications) {}

    @GetMapping("/pages")
    @Operation(summary = "Pages, newest first; filter by status, incident, or mine=true (pages that notified me)")
    CursorPage<PageView> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long incidentId,
            @RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageStatus filter = status == null || status.isBlank() ? null : PageStatus.parse(status);
        Long me = Boolean.TRUE.equals(mine) ? actor().userId() : null;
        return paging.page(filter, incidentId, me, cursor, CursorPage.limit(limit));
    }

    @PostMapping("/pages")
    @Operation(summary = "Page people through an escalation policy by hand")
    ResponseEntity<PageView> open(@RequestBody OpenRequest request) {
        if (request == null || request.policyId() == null) {
            throw new InvalidInputException("policyId", "is required");
        }
        PageView page = paging.open(
                new OpenPage(request.policyId(), null, request.incidentId(), request.title(), request.details()),
                actor());
        return ResponseEntity.created(URI.create("/api/v1/pages/" + page.id())).body(page);
    }

    @GetMapping("/pages/{id}")
    PageDetail get(@PathVariable long id) {
        return new PageDetail(paging.get(id), paging.history(id), paging.deliveries(id));
    }

    @PostMapping("/pages/{id}/acknowledge")
    @Operation(summary = "Acknowledge: the escalation stops and pending notifications are cancelled")
    PageView acknowledge(@PathVariable long id) {
        return paging.acknowledge(id, actor(), "api");
    }

    @PostMapping("/pages/{id}/escalate")
    @Operation(summary = "Escalate now: the next step fires at once instead of at its time (409 when there is none)")
    PageView escalate(@PathVariable long id) {
        return paging.escalateNow(id, actor(), "api");
    }

    @PostMapping("/pages/{id}/resolve")
    PageView resolve(@PathVariable long id, @RequestBody(required = false) ResolveRequest request) {
        return paging.resolve(id, actor(), request == null ? null : request.reason());
    }

    @GetMapping("/admin-alerts")
    @Operation(summary = "Problems with paging itself (a step with nobody to page, a page nobody acknowledged)")
    List<AdminAlert> adminAlerts(@RequestParam(defaultValue = "true") boolean open) {
        return adminAlerts.list(open, actor());
    }

    @PostMapping("/admin-alerts/{id}/clear")
    ResponseEntity<Void> clear(@PathVariable long id) {
        adminAlerts.clear(id, actor());
        return ResponseEntity.noContent().build();
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
