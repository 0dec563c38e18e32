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
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

    /**
     * The forms' labels for the fields the domain names in its errors, so an error reads as the form
     * does ("End must be after the start", not "endsAt must …").
     */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("name", "Name"),
            Map.entry("description", "Description"),
            Map.entry("group", "Group"),
            Map.entry("displayOrder", "Order"),
            Map.entry("serviceIds", "Services"),
            Map.entry("title", "Title"),
            Map.entry("startsAt", "Start"),
            Map.entry("endsAt", "End"),
            Map.entry("componentIds", "Components"));

    record ComponentForm(String name, String description, String group, String displayOrder, List<Long> serviceIds) {

        /** A component as its edit form shows it. */
        static ComponentForm of(Component c) {
            return new ComponentForm(
                    c.name(),
                    c.description() == null ? "" : c.description(),
                    c.group() == null ? "" : c.group(),
                    String.valueOf(c.displayOrder()),
                    c.serviceIds());
        }
    }

    record MaintenanceForm(String title, String description, String start, String end, List<Long> componentIds) {

        /** A window as its edit form shows it, in the admin's zone. */
        static MaintenanceForm of(Maintenance m, ZoneId zone) {
            return new MaintenanceForm(
                    m.title(),
                    m.description() == null ? "" : m.description(),
                    local(m.startsAt(), zone),
                    local(m.endsAt(), zone),
                    m.componentIds());
        }
    }

    /** The window whose edit was refused, with what was typed and why. */
    private record Edit(long id, MaintenanceForm form, String error) {}

    /** The component whose edit was refused, with what was typed and why. */
    private record ComponentEdit(long id, ComponentForm form, String error) {}

    @GetMapping("/admin/status-page")
    String show(@AuthenticationPrincipal Actor me, Model model) {
        return render(me, model, null, null, null, null, null);
    }

    @PostMapping("/admin/status-page/settings")
    String settings(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            page.saveSettings(new StatusPage.Settings(name, description), me);
        } catch (InvalidInputException e) {
            model.addAttribute("settingsError", message(e));
            response.setStatus(400);
            return render(me, model, null, null, null, null, null);
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
            HttpServletResponse response,
            RedirectAttributes flash) {
        ComponentForm typed = new ComponentForm(name, description, group, displayOrder, ids(serviceIds));
        try {
            Component c = page.createComponent(input(typed), me);
            flash.addFlashAttribute("notice", "Component " + c.name() + " added.");
            return "redirect:/admin/status-page";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return render(me, model, typed, null, message(e), null, null);
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
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        ComponentForm typed = new ComponentForm(name, description, group, displayOrder, ids(serviceIds));
        try {
            Component c = page.updateComponent(id, input(typed), me);
            flash.addFlashAttribute("notice", "Component " + c.name() + " saved.");
            return "redirect:/admin/status-page";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return render(me, model, null, null, null, null, new ComponentEdit(id, typed, message(e)));
        }
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
            HttpServletResponse response,
            RedirectAttributes flash) {
        MaintenanceForm typed = new MaintenanceForm(title, description, start, end, ids(componentIds));
        try {
            Maintenance m = page.createMaintenance(input(typed, users.zoneOf(me.userId())), me);
            flash.addFlashAttribute("notice", "Maintenance " + m.title() + " scheduled.");
            return "redirect:/admin/status-page";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return render(me, model, null, typed, message(e), null, null);
        }
    }

    /** Saves through the same domain method (and audit) as {@code PUT /api/v1/status-page/maintenances/{id}}. */
    @PostMapping("/admin/status-page/maintenances/{id}")
    String updateMaintenance(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) List<Long> componentIds,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        MaintenanceForm typed = new MaintenanceForm(title, description, start, end, ids(componentIds));
        try {
            Maintenance m = page.updateMaintenance(id, input(typed, users.zoneOf(me.userId())), me);
            flash.addFlashAttribute("notice", "Maintenance " + m.title() + " saved.");
            return "redirect:/admin/status-page";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return render(me, model, null, null, null, new Edit(id, typed, message(e)), null);
        }
    }

    @PostMapping("/admin/status-page/maintenances/{id}/delete")
    String deleteMaintenance(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        page.deleteMaintenance(id, me);
        flash.addFlashAttribute("notice", "Maintenance window deleted.");
        return "redirect:/admin/status-page";
    }

    private String render(
            Actor me,
            Model model,
            ComponentForm component,
            MaintenanceForm maintenance,
            String formError,
            Edit edit,
            ComponentEdit componentEdit) {
        Actors.requireAdminRead(me);
        ZoneId zone = users.zoneOf(me.userId());
        List<ServiceView> all = services.all();
        Map<Long, String> serviceNames = all.stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name));
        List<Component> components = page.components();
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        model.addAttribute("settings", page.settings());
        model.addAttribute("components", components);
        Map<Long, ComponentForm> componentForms = new HashMap<>();
        components.forEach(c -> componentForms.put(c.id(), ComponentForm.of(c)));
        if (componentEdit != null) {
            componentForms.put(componentEdit.id(), componentEdit.form());
            if (components.stream().noneMatch(c -> c.id() == componentEdit.id())) {
                model.addAttribute("error", componentEdit.error());
            }
        }
        model.addAttribute("componentForms", componentForms);
        model.addAttribute("editingComponent", componentEdit == null ? null : componentEdit.id());
        model.addAttribute("componentEditError", componentEdit == null ? null : componentEdit.error());
        model.addAttribute(
                "componentNames", components.stream().collect(Collectors.toMap(Component::id, Component::name)));
        List<Maintenance> windows = page.maintenances();
        Map<Long, MaintenanceForm> editForms = new HashMap<>();
        windows.forEach(m -> editForms.put(m.id(), MaintenanceForm.of(m, zone)));
        if (edit != null) {
            editForms.put(edit.id(), edit.form());
            if (windows.stream().noneMatch(m -> m.id() == edit.id())) {
                model.addAttribute("error", edit.error());
            }
        }
        model.addAttribute("maintenances", windows);
        model.addAttribute("editForms", editForms);
        model.addAttribute("editing", edit == null ? null : edit.id());
        model.addAttribute("editError", edit == null ? null : edit.error());
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
                                "", "", local(now, zone), local(now.plus(2, ChronoUnit.HOURS), zone), List.of()));
        model.addAttribute("componentError", component != null ? formError : null);
        model.addAttribute("maintenanceError", maintenance != null ? formError : null);
        return "statuspage/admin";
    }

    /** The refusal as the form says it: the field's label, then why. */
    static String message(InvalidInputException e) {
        String label = LABELS.getOrDefault(e.field(), e.field());
        String reason = e.getMessage();
        boolean continues = reason.matches("(is|must|names|may|keys) .*");
        return label + (continues ? " " : ": ") + reason;
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

    private static Maintenance.Input input(MaintenanceForm form, ZoneId zone) {
        return new Maintenance.Input(
                form.title(),
                form.description(),
                at(form.start(), zone, "startsAt"),
                at(form.end(), zone, "endsAt"),
                form.componentIds());
    }

    /** What a datetime-local input holds: the wall time in the admin's zone, to the second at most. */
    private static String local(Instant at, ZoneId zone) {
        return LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.SECONDS).toString();
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
