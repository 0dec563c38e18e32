package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertGroups;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The alerts of a service and of an incident, as HTML fragments that the service page and the
 * incident room load with htmx: those pages (catalog, timeline) never know about alerting.
 */
@Controller
class AlertFragments {

    static final int SHOWN = 20;

    private final AlertGroups groups;
    private final Services services;

    private final dev.cairn.escalation.Paging paging;

    AlertFragments(AlertGroups groups, Services services, dev.cairn.escalation.Paging paging) {
        this.groups = groups;
        this.services = services;
        this.paging = paging;
    }

    @GetMapping("/services/{id}/alerts")
    String ofService(@PathVariable long id, Model model) {
        services.get(id);
        var recent = groups.ofService(id, SHOWN);
        model.addAttribute("recent", recent);
        model.addAttribute("pages", pagesOf(recent.items()));
        model.addAttribute("allLink", "/alerts?service=" + id);
        model.addAttribute("emptyText", "No alerts routed to this service yet.");
        model.addAttribute(
                "emptyHint",
                "Alerts come here from an integration linked to this service, or from a routing rule that names it.");
        model.addAttribute("loud", AlertPages.LOUD);
        return "alerting/recent :: recent";
    }

    /** For those who may see the incident only: a private incident's alerts answer 404 to others. */
    @GetMapping("/incidents/{id}/alerts")
    String ofIncident(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        var recent = groups.ofIncident(id, SHOWN, me);
        model.addAttribute("recent", recent);
        model.addAttribute("pages", pagesOf(recent.items()));
        model.addAttribute("allLink", "/alerts?incident=" + id);
        model.addAttribute("emptyText", "No alerts joined this incident.");
        model.addAttribute(
                "emptyHint", "A routing rule that declares or attaches puts an alert here (see Routing rules).");
        model.addAttribute("loud", AlertPages.LOUD);
        return "alerting/recent :: recent";
    }

    private java.util.Map<Long, dev.cairn.escalation.PageView> pagesOf(
            java.util.List<dev.cairn.alerting.AlertGroupView> shown) {
        return paging.latestForAlertGroups(
                shown.stream().map(dev.cairn.alerting.AlertGroupView::id).toList());
    }
}
