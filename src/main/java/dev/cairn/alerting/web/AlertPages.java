package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertGroupView;
import dev.cairn.alerting.AlertGroups;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.alerting.Integrations;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.CursorPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /alerts}: the deduplicated alert groups, newest first, filtered by status, integration,
 * service and incident (the incident only for those who may see it).
 */
@Controller
class AlertPages {

    private static final int PAGE_SIZE = 50;
    static final Set<String> LOUD = Set.of("critical", "crit", "error", "high", "page", "p1", "sev1", "fatal");

    private final AlertGroups groups;
    private final Integrations integrations;
    private final Services services;
    private final Incidents incidents;

    private final dev.cairn.escalation.Paging paging;

    AlertPages(
            AlertGroups groups,
            Integrations integrations,
            Services services,
            Incidents incidents,
            dev.cairn.escalation.Paging paging) {
        this.paging = paging;
        this.groups = groups;
        this.integrations = integrations;
        this.services = services;
        this.incidents = incidents;
    }

    @GetMapping("/alerts")
    String list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long integration,
            @RequestParam(required = false) Long service,
            @RequestParam(required = false) Long incident,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Actor me,
            Model model) {
        String statusFilter = status == null || status.isBlank() || status.equals("any") ? null : status;
        CursorPage<AlertGroupView> page =
                groups.page(statusFilter, integration, service, incident, cursor, PAGE_SIZE, me);
        List<IntegrationView> all =
                integrations.page(null, CursorPage.MAX_LIMIT).items();
        Map<Long, String> names = new LinkedHashMap<>();
        all.forEach(i -> names.put(i.id(), i.name()));
        List<ServiceView> allServices = services.all();
        Map<Long, String> serviceNames = new LinkedHashMap<>();
        allServices.forEach(s -> serviceNames.put(s.id(), s.name()));
        boolean filtered = statusFilter != null || integration != null || service != null || incident != null;
        model.addAttribute("page", page);
        model.addAttribute(
                "pages",
                paging.latestForAlertGroups(
                        page.items().stream().map(AlertGroupView::id).toList()));
        model.addAttribute("status", statusFilter == null ? "any" : statusFilter);
        model.addAttribute("integration", integration);
        model.addAttribute("integrations", all);
        model.addAttribute("integrationNames", names);
        model.addAttribute("service", service);
        model.addAttribute("services", allServices);
        model.addAttribute("serviceNames", serviceNames);
        model.addAttribute("incident", incident == null ? null : incidents.get(incident, me));
        model.addAttribute("filtered", filtered);
        model.addAttribute("first", cursor == null || cursor.isBlank());
        model.addAttribute("loud", LOUD);
        if (page.nextCursor() != null) {
            model.addAttribute(
                    "olderLink",
                    ServletUriComponentsBuilder.fromCurrentRequest()
                            .replaceQueryParam("cursor", page.nextCursor())
                            .build()
                            .toUriString());
        }
        return "alerting/alerts";
    }
}
