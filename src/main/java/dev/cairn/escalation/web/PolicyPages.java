package dev.cairn.escalation.web;

import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.EscalationPolicy;
import dev.cairn.escalation.PolicyInput;
import dev.cairn.escalation.PolicyInput.StepInput;
import dev.cairn.escalation.PolicyInput.TargetInput;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.Schedules;
import dev.cairn.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /escalation-policies}: the list, and one form to create or edit a policy. Steps are rows
 * of the form; "add a step" and "remove" re-render the form server-side with what was typed, so it
 * works without scripts.
 */
@Controller
class PolicyPages {

    private final EscalationPolicies policies;
    private final Users users;
    private final Teams teams;
    private final Schedules schedules;
    private final Services services;

    PolicyPages(EscalationPolicies policies, Users users, Teams teams, Schedules schedules, Services services) {
        this.policies = policies;
        this.users = users;
        this.teams = teams;
        this.schedules = schedules;
        this.services = services;
    }

    /** A target choice in a step's select: value {@code kind:id}. */
    record Choice(String value, String label) {}

    /** A step row of the form. */
    record StepRow(int delayMinutes, List<String> targets) {}

    /** What the form shows: typed values, kept on an error. */
    record Form(
            Long id,
            String name,
            String description,
            Long teamId,
            int repeat,
            List<StepRow> steps,
            List<Long> serviceIds) {}

    @GetMapping("/escalation-policies")
    String list(Model model) {
        List<EscalationPolicy> all = policies.all();
        Map<Long, String> serviceNames =
                services.all().stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name));
        model.addAttribute("policies", all);
        model.addAttribute("serviceNames", serviceNames);
        return "escalation/policies";
    }

    @GetMapping("/escalation-policies/new")
    String create(@AuthenticationPrincipal Actor me, Model model) {
        return form(new Form(null, "", "", null, 0, List.of(new StepRow(10, List.of())), List.of()), model);
    }

    @GetMapping("/escalation-policies/{id}")
    String edit(@PathVariable long id, Model model) {
        EscalationPolicy p = policies.get(id);
        List<StepRow> steps = p.steps().stream()
                .map(s -> new StepRow(
                        s.delayMinutes(),
                        s.targets().stream()
                                .map(t -> t.kind().json() + ":" + t.id())
                                .toList()))
                .toList();
        model.addAttribute("policy", p);
        return form(new Form(p.id(), p.name(), p.description(), p.teamId(), p.repeat(), steps, p.serviceIds()), model);
    }

    @PostMapping({"/escalation-policies", "/escalation-policies/{id}"})
    String save(
            @PathVariable(required = false) Long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            jakarta.servlet.http.HttpServletResponse response,
            RedirectAttributes flash) {
        Form typed = typed(id, params);
        String action = params.getFirst("action");
        if ("add-step".equals(action)) {
            List<StepRow> more = new ArrayList<>(typed.steps());
            more.add(new StepRow(10, List.of()));
            return form(withSteps(typed, more), model);
        }
        if (action != null && action.startsWith("remove-")) {
            List<StepRow> fewer = new ArrayList<>(typed.steps());
            int index = Integer.parseInt(action.substring("remove-".length()));
            if (index >= 0 && index < fewer.size() && fewer.size() > 1) {
                fewer.remove(index);
            }
            return form(withSteps(typed, fewer), model);
        }
        PolicyInput input = new PolicyInput(
                typed.name(),
                typed.description(),
                typed.teamId(),
                typed.repeat(),
                typed.steps().stream()
                        .map(s -> new StepInput(
                                s.delayMinutes(),
                                s.targets().stream().map(PolicyPages::target).toList()))
                        .toList(),
                typed.serviceIds());
        try {
            EscalationPolicy saved = id == null ? policies.create(input, me) : policies.update(id, input, me);
            flash.addFlashAttribute("notice", "Policy " + saved.name() + " saved.");
            return "redirect:/escalation-policies/" + saved.id();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.field() + " " + e.getMessage());
            model.addAttribute("errorField", e.field());
            // Refused, like every other form: the page comes back with what was typed, and a 400.
            response.setStatus(400);
            return form(typed, model);
        }
    }

    @PostMapping("/escalation-policies/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        String name = policies.get(id).name();
        policies.delete(id, me);
        flash.addFlashAttribute("notice", "Policy " + name + " deleted.");
        return "redirect:/escalation-policies";
    }

    private String form(Form form, Model model) {
        List<Choice> choices = new ArrayList<>();
        schedules.all().forEach(s -> choices.add(new Choice("schedule:" + s.id(), "On call: " + s.name())));
        teams.all().forEach(t -> choices.add(new Choice("team:" + t.id(), "Team: " + t.name())));
        users.active().stream()
                .sorted(java.util.Comparator.comparing(UserView::name))
                .forEach(u -> choices.add(new Choice("user:" + u.id(), u.name())));
        model.addAttribute("form", form);
        model.addAttribute("choices", choices);
        model.addAttribute("teams", teams.all());
        model.addAttribute("services", services.all());
        return "escalation/policy-form";
    }

    private static Form withSteps(Form f, List<StepRow> steps) {
        return new Form(f.id(), f.name(), f.description(), f.teamId(), f.repeat(), steps, f.serviceIds());
    }

    private static Form typed(Long id, MultiValueMap<String, String> params) {
        List<StepRow> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String delay = params.getFirst("step" + i + ".delay");
            if (delay == null) {
                break;
            }
            List<String> targets = params.getOrDefault("step" + i + ".targets", List.of());
            steps.add(new StepRow(number(delay), List.copyOf(targets)));
        }
        String team = params.getFirst("teamId");
        List<Long> serviceIds = params.getOrDefault("serviceIds", List.of()).stream()
                .filter(s -> !s.isBlank())
                .map(s -> (long) number(s))
                .toList();
        String repeat = params.getFirst("repeat");
        return new Form(
                id,
                params.getFirst("name"),
                params.getFirst("description"),
                team == null || team.isBlank() ? null : (long) number(team),
                repeat == null || repeat.isBlank() ? 0 : number(repeat),
                steps,
                serviceIds);
    }

    /** A number as typed; -1 when it is not one, which validation then names. */
    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static TargetInput target(String value) {
        int cut = value.indexOf(':');
        if (cut < 0) {
            return new TargetInput(value, null);
        }
        try {
            return new TargetInput(value.substring(0, cut), Long.parseLong(value.substring(cut + 1)));
        } catch (NumberFormatException e) {
            return new TargetInput(value.substring(0, cut), null);
        }
    }
}
