package dev.cairn.statuspage.web;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Users;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.statuspage.Component;
import dev.cairn.statuspage.Maintenance;
import dev.cairn.statuspage.StatusPage;
import dev.cairn.statuspage.StatusSubscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/status-page}: the page's name and description, its components (mapped to
 * services) and maintenance windows. Admins only; forms keep what was typed on an error.
 */
@Controller
class StatusAdminPages {

    private final StatusPage page;
    private final StatusSubscriptions subscriptions;
    private final Services services;
    private final Users users;
    private final Clock clock;

    StatusAdminPages(StatusPage page, StatusSubscriptions subscriptions, Services services, Users users, Clock clock) {
        this.clock = clock;
        this.page = page;
        this.subscriptions = subscriptions;
        this.services = services;
        this.users = users;
    }

    record ComponentForm(String name, String description, String group, String displayOrder, List<Long> serviceIds) {}

    record MaintenanceForm(String title, String description, String start, String end, List<Long> componentIds) {}

    @GetMapping("/admin/status-page")
    String show(@AuthenticationPrincipal Actor me, Model model) {
        return render(me, model, null, null, null);
    }

    @PostMapping("/admin/status-page/settings")
    String settings(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            Model model,
            RedirectAttributes flash) {
        try {
            page.saveSettings(new StatusPage.Settings(name, description), me);
        } catch (InvalidInputException e) {
            model.addAttribute("settingsError", e.field() + " " + e.getMessage());
            return render(me, model, null, null, null);
        }
        flash.addFlashAttribute("notice", "Page settings saved.");
        return "redirect:/admin/status-page";
    }

    @PostMapping("/admin/status-page/components")
    String createComponent(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String displayOrder,
            @RequestParam(required = false) List<Long> serviceIds,
            Model model,
            RedirectAttributes flash) {
        ComponentForm typed = new ComponentForm(name, description, group, displayOrder, ids(serviceIds));
        try {
            Component c = page.createComponent(input(typed), me);
            flash.addFlashAttribute("notice", "Component " + c.name() + " added.");
            return "redirect:/admin/status-page";
        } catch (InvalidInputException e) {
            return render(me, model, typed, null, e.field() + " " + e.getMessage());
        }
    }

    @PostMapping("/admin/status-page/components/{id}")
    String updateComponent(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String displayOrder,
            @RequestParam(required = false) List<Long> serviceIds,
            RedirectAttributes flash) {
        try {
            Component c = page.updateComponent(
                    id, input(new ComponentForm(name, description, group, displayOrder, ids(serviceIds))), me);
            flash.addFlashAttribute("notice", "Component " + c.name() + " saved.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.field() + " " + e.getMessage());
        }
        return "redirect:/admin/status-page";
    }

    @PostMapping("/admin/status-page/components/{id}/delete")
    String deleteComponent(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        page.deleteComponent(id, me);
        flash.addFlashAttribute("notice", "Component deleted.");
        return "redirect:/admin/status-page";
    }

    @PostMapping("/admin/status-page/maintenances")
    String createMaintenance(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) List<Long> componentIds,
            Model model,
            RedirectAttributes flash) {
        MaintenanceForm typed = new MaintenanceForm(title, description, start, end, ids(componentIds));
        try {
            ZoneId zone = users.zoneOf(me.userId());
            Maintenance m = page.createMaintenance(
                    new Maintenance.Input(
                            title,
                            description,
                            at(start, zone, "startsAt"),
                            at(end, zone, "endsAt"),
                            typed.componentIds()),
                    me);
            flash.addFlashAttribute("notice", "Maintenance " + m.title() + " scheduled.");
            return "redirect:/admin/status-page";
        } catch (InvalidInputException e) {
            return render(me, model, null, typed, e.field() + " " + e.getMessage());
        }
    }

    @PostMapping("/admin/status-page/maintenances/{id}/delete")
    String deleteMaintenance(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        page.deleteMaintenance(id, me);
        flash.addFlashAttribute("notice", "Maintenance window deleted.");
        return "redirect:/admin/status-page";
    }

    private String render(
            Actor me, Model model, ComponentForm component, MaintenanceForm maintenance, String formError) {
        Actors.requireAdminRead(me);
        ZoneId zone = users.zoneOf(me.userId());
        List<ServiceView> all = services.all();
        Map<Long, String> serviceNames = all.stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name));
        List<Component> components = page.components();
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        model.addAttribute("settings", page.settings());
        model.addAttribute("components", components);
        model.addAttribute(
                "componentNames", components.stream().collect(Collectors.toMap(Component::id, Component::name)));
        model.addAttribute("maintenances", page.maintenances());
        model.addAttribute("services", all);
        model.addAttribute("serviceNames", serviceNames);
        model.addAttribute("zone", zone);
        model.addAttribute("subscribers", subscriptions.confirmedCount());
        model.addAttribute(
                "componentForm", component != null ? component : new ComponentForm("", "", "", "", List.of()));
        model.addAttribute(
                "maintenanceForm",
                maintenance != null
                        ? maintenance
                        : new MaintenanceForm(
                                "",
                                "",
                                LocalDateTime.ofInstant(now, zone).toString(),
                                LocalDateTime.ofInstant(now.plus(2, ChronoUnit.HOURS), zone)
                                        .toString(),
                                List.of()));
        model.addAttribute("componentError", component != null ? formError : null);
        model.addAttribute("maintenanceError", maintenance != null ? formError : null);
        return "statuspage/admin";
    }

    private static Component.Input input(ComponentForm form) {
        Integer order;
        try {
            order = form.displayOrder() == null || form.displayOrder().isBlank()
                    ? 0
                    : Integer.valueOf(form.displayOrder().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("displayOrder", "must be a whole number");
        }
        return new Component.Input(form.name(), form.description(), form.group(), order, form.serviceIds());
    }

    private static Instant at(String value, ZoneId zone, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not a date and time");
        }
    }

    private static List<Long> ids(List<Long> ids) {
        return ids == null ? List.of() : ids;
    }
}
