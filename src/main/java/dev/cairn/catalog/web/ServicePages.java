package dev.cairn.catalog.web;

import dev.cairn.catalog.ServiceUpdate;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Teams;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class ServicePages {

    private static final int PAGE_SIZE = 50;

    private final Services services;
    private final Teams teams;

    ServicePages(Services services, Teams teams) {
        this.services = services;
        this.teams = teams;
    }

    @GetMapping("/services")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long team,
            @RequestParam(required = false) String cursor,
            Model model) {
        CursorPage<ServiceView> page = services.page(cursor, PAGE_SIZE, q, team);
        boolean filtered = (q != null && !q.isBlank()) || team != null;
        model.addAttribute("page", page);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("team", team);
        model.addAttribute("teams", teams.all());
        model.addAttribute("filtered", filtered);
        model.addAttribute(
                "catalogEmpty",
                !filtered
                        && (cursor == null || cursor.isBlank())
                        && page.items().isEmpty());
        model.addAttribute("tiers", Tier.ALL);
        return "catalog/list";
    }

    @GetMapping("/services/new")
    String newService(@AuthenticationPrincipal Actor me, Model model) {
        Actors.requireWrite(me);
        return form(model, ServiceForm.empty(), Map.of(), null);
    }

    @PostMapping("/services")
    String create(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String ownerTeamId,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) List<String> linkLabel,
            @RequestParam(required = false) List<String> linkUrl,
            @AuthenticationPrincipal Actor me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actors.requireWrite(me);
        ServiceForm form = ServiceForm.of(name, description, ownerTeamId, tier, linkLabel, linkUrl);
        return save(form, () -> services.create(form.toNewService(), me), null, model, response, redirect, "created");
    }

    @GetMapping("/services/{id}")
    String show(@PathVariable long id, Model model) {
        ServiceView service = services.get(id);
        model.addAttribute("service", service);
        model.addAttribute("tier", Tier.of(service.tier()));
        return "catalog/detail";
    }

    @GetMapping("/services/{id}/edit")
    String edit(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Actors.requireWrite(me);
        ServiceView service = services.get(id);
        return form(model, ServiceForm.of(service), Map.of(), service);
    }

    @PostMapping("/services/{id}/edit")
    String update(
            @PathVariable long id,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String ownerTeamId,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) List<String> linkLabel,
            @RequestParam(required = false) List<String> linkUrl,
            @AuthenticationPrincipal Actor me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actors.requireWrite(me);
        ServiceView current = services.get(id);
        ServiceForm form = ServiceForm.of(name, description, ownerTeamId, tier, linkLabel, linkUrl);
        return save(
                form,
                () -> services.update(id, ServiceUpdate.replacing(form.toNewService()), me),
                current,
                model,
                response,
                redirect,
                "saved");
    }

    private String save(
            ServiceForm form,
            Supplier<ServiceView> write,
            ServiceView current,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            String done) {
        Map<String, String> errors = form.problems();
        if (errors.isEmpty()) {
            try {
                ServiceView saved = write.get();
                redirect.addFlashAttribute("notice", "Service " + done + ".");
                return "redirect:/services/" + saved.id();
            } catch (InvalidInputException e) {
                errors = Map.of(e.field(), e.getMessage());
            } catch (ConflictException e) {
                errors = Map.of("name", e.getMessage());
            }
        }
        response.setStatus(422);
        return form(model, form, errors, current);
    }

    private String form(Model model, ServiceForm form, Map<String, String> errors, ServiceView current) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("service", current);
        model.addAttribute("teams", teams.all());
        model.addAttribute("tiers", Tier.ALL);
        return "catalog/form";
    }
}
