package dev.cairn.escalation.web;

import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.OpenPage;
import dev.cairn.escalation.PageEvent;
import dev.cairn.escalation.PageStatus;
import dev.cairn.escalation.PageView;
import dev.cairn.escalation.Paging;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Users;
import dev.cairn.notification.DeliveryView;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /pages}: who is being paged and why; one page with its steps, notifications and attempts. */
@Controller
class PagePages {

    private static final int PAGE_SIZE = 50;

    private final Paging paging;
    private final EscalationPolicies policies;
    private final Users users;

    private final dev.cairn.escalation.AdminAlerts adminAlerts;

    PagePages(Paging paging, EscalationPolicies policies, Users users, dev.cairn.escalation.AdminAlerts adminAlerts) {
        this.paging = paging;
        this.adminAlerts = adminAlerts;
        this.policies = policies;
        this.users = users;
    }

    @GetMapping("/pages")
    String list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) String cursor,
            Model model) {
        PageStatus filter =
                status == null || status.isBlank() || status.equals("any") ? null : PageStatus.parse(status);
        boolean onlyMine = Boolean.TRUE.equals(mine);
        CursorPage<PageView> page = paging.page(filter, null, onlyMine ? me.userId() : null, cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("status", filter == null ? "any" : filter.json());
        model.addAttribute("mine", onlyMine);
        model.addAttribute("filtered", filter != null || onlyMine);
        model.addAttribute("first", cursor == null || cursor.isBlank());
        model.addAttribute("policies", policies.all());
        model.addAttribute(
                "ackers",
                names(page.items().stream().map(PageView::acknowledgedBy).toList()));
        if (me.isAdmin()) {
            model.addAttribute("adminAlerts", adminAlerts.list(true, me));
        }
        if (page.nextCursor() != null) {
            model.addAttribute(
                    "olderLink",
                    ServletUriComponentsBuilder.fromCurrentRequest()
                            .replaceQueryParam("cursor", page.nextCursor())
                            .build()
                            .toUriString());
        }
        return "escalation/pages";
    }

    @GetMapping("/pages/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        PageView page = paging.get(id);
        List<PageEvent> history = paging.history(id);
        List<DeliveryView> deliveries = paging.deliveries(id);
        Set<Long> people = new HashSet<>();
        history.stream().map(PageEvent::userId).forEach(people::add);
        deliveries.forEach(d -> people.add(d.userId()));
        people.add(page.acknowledgedBy());
        model.addAttribute("p", page);
        model.addAttribute("history", history);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("names", names(people));
        model.addAttribute(
                "policy",
                page.policyId() == null ? null : policies.find(page.policyId()).orElse(null));
        return "escalation/page";
    }

    @PostMapping("/pages/{id}/acknowledge")
    String acknowledge(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        paging.acknowledge(id, me, "web");
        flash.addFlashAttribute("notice", "Acknowledged: the escalation has stopped.");
        return "redirect:/pages/" + id;
    }

    @PostMapping("/pages/{id}/escalate")
    String escalate(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        try {
            var page = paging.escalateNow(id, me, "web");
            flash.addFlashAttribute("notice", "Escalated: step " + page.stepsFired() + " has fired.");
        } catch (dev.cairn.shared.ConflictException e) {
            flash.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/pages/" + id;
    }

    @PostMapping("/pages/{id}/resolve")
    String resolve(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        paging.resolve(id, me, null);
        flash.addFlashAttribute("notice", "Resolved.");
        return "redirect:/pages/" + id;
    }

    @PostMapping("/pages")
    String open(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) Long policyId,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String details,
            RedirectAttributes flash) {
        try {
            if (policyId == null) {
                throw new InvalidInputException("policyId", "choose a policy");
            }
            PageView page = paging.open(new OpenPage(policyId, null, null, title, details), me);
            return "redirect:/pages/" + page.id();
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.field() + " " + e.getMessage());
            flash.addFlashAttribute("typedTitle", title);
            flash.addFlashAttribute("typedDetails", details);
            return "redirect:/pages";
        }
    }

    @PostMapping("/admin-alerts/{id}/clear")
    String clear(@PathVariable long id, @AuthenticationPrincipal Actor me) {
        adminAlerts.clear(id, me);
        return "redirect:/pages";
    }

    private Map<Long, String> names(java.util.Collection<Long> ids) {
        Set<Long> wanted = new HashSet<>(ids);
        wanted.remove(null);
        Map<Long, String> names = new java.util.HashMap<>();
        if (!wanted.isEmpty()) {
            users.byIds(wanted).forEach((id, u) -> names.put(id, u.name()));
        }
        return names;
    }
}
