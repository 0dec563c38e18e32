package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertGroupView;
import dev.cairn.alerting.AlertGroups;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.alerting.Integrations;
import dev.cairn.shared.CursorPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /alerts}: the deduplicated alert groups, newest first, filtered by status and integration. */
@Controller
class AlertPages {

    private static final int PAGE_SIZE = 50;
    private static final Set<String> LOUD = Set.of("critical", "crit", "error", "high", "page", "p1", "sev1", "fatal");

    private final AlertGroups groups;
    private final Integrations integrations;

    AlertPages(AlertGroups groups, Integrations integrations) {
        this.groups = groups;
        this.integrations = integrations;
    }

    @GetMapping("/alerts")
    String list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long integration,
            @RequestParam(required = false) String cursor,
            Model model) {
        String statusFilter = status == null || status.isBlank() || status.equals("any") ? null : status;
        CursorPage<AlertGroupView> page = groups.page(statusFilter, integration, cursor, PAGE_SIZE);
        List<IntegrationView> all =
                integrations.page(null, CursorPage.MAX_LIMIT).items();
        Map<Long, String> names = new LinkedHashMap<>();
        all.forEach(i -> names.put(i.id(), i.name()));
        boolean filtered = statusFilter != null || integration != null;
        model.addAttribute("page", page);
        model.addAttribute("status", statusFilter == null ? "any" : statusFilter);
        model.addAttribute("integration", integration);
        model.addAttribute("integrations", all);
        model.addAttribute("integrationNames", names);
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
