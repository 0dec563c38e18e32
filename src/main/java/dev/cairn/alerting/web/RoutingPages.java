package dev.cairn.alerting.web;

import dev.cairn.alerting.Routing;
import dev.cairn.alerting.RoutingRule;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.incident.Severities;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /routing}: the routing rules in the order they are evaluated. Writers add, move, switch
 * off and delete rules; anyone may try sample labels to see which rule would take an alert.
 */
@Controller
class RoutingPages {

    private static final int MAX_SAMPLE = 16 * 1024;

    private final Routing routing;
    private final Services services;
    private final Severities severities;
    private final EscalationPolicies policies;

    RoutingPages(Routing routing, Services services, Severities severities, EscalationPolicies policies) {
        this.policies = policies;
        this.routing = routing;
        this.services = services;
        this.severities = severities;
    }

    @GetMapping("/routing")
    String list(Model model) {
        return page(model, RuleForm.empty(), Map.of());
    }

    @PostMapping("/routing")
    String create(
            RuleForm form,
            @AuthenticationPrincipal Actor me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Actors.requireWrite(me);
        Map<String, String> errors = new LinkedHashMap<>();
        List<RoutingRule.Matcher> matchers = null;
        RoutingRule.Action action = null;
        try {
            matchers = RoutingRule.matchers(form.matchers());
        } catch (InvalidInputException e) {
            errors.put(e.field(), e.getMessage());
        }
        try {
            action = RoutingRule.Action.parse(form.action());
        } catch (InvalidInputException e) {
            errors.put(e.field(), e.getMessage());
        }
        Long serviceId = form.service(errors);
        Integer position = form.at(errors);
        Long policyId = form.policy(errors);
        if (errors.isEmpty()) {
            try {
                RoutingRule rule = routing.create(
                        form.name(), position, matchers, serviceId, action, form.chosenSeverity(), policyId, me);
                redirect.addFlashAttribute("notice", "Rule \"" + rule.name() + "\" added.");
                redirect.addFlashAttribute("highlight", rule.id());
                return "redirect:/routing#rule-" + rule.id();
            } catch (InvalidInputException e) {
                errors.put(e.field(), e.getMessage());
            }
        }
        response.setStatus(422);
        return page(model, form, errors);
    }

    @PostMapping("/routing/{id}/move")
    String move(
            @PathVariable long id,
            @RequestParam String direction,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes redirect) {
        if (!direction.equals("up") && !direction.equals("down")) {
            throw new InvalidInputException("direction", "must be up or down");
        }
        RoutingRule rule = routing.move(id, direction.equals("up"), me);
        redirect.addFlashAttribute("highlight", rule.id());
        return "redirect:/routing#rule-" + id;
    }

    @PostMapping("/routing/{id}/active")
    String setActive(
            @PathVariable long id,
            @RequestParam boolean active,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes redirect) {
        RoutingRule rule = routing.update(id, null, active, me);
        redirect.addFlashAttribute(
                "notice",
                rule.active()
                        ? "Rule \"" + rule.name() + "\" is on again: new alerts are checked against it."
                        : "Rule \"" + rule.name() + "\" is off: new alerts skip it until you turn it on.");
        redirect.addFlashAttribute("highlight", rule.id());
        return "redirect:/routing#rule-" + id;
    }

    @PostMapping("/routing/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes redirect) {
        Actors.requireWrite(me);
        RoutingRule rule = routing.get(id);
        routing.delete(id, me);
        redirect.addFlashAttribute("notice", "Rule \"" + rule.name() + "\" deleted.");
        return "redirect:/routing";
    }

    /** Which rule would take an alert with these labels; nothing is stored, so readers may try too. */
    @PostMapping("/routing/test")
    String test(@RequestParam(defaultValue = "") String sample, Model model, HttpServletResponse response) {
        model.addAttribute("sample", sample);
        try {
            Map<String, String> fields = SampleLabels.parse(sample, MAX_SAMPLE);
            Optional<RoutingRule> first = routing.firstMatch(fields);
            model.addAttribute("tested", new Tested(first.orElse(null), fields.size()));
            first.ifPresent(rule -> model.addAttribute("highlight", rule.id()));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("testError", e.getMessage());
        }
        return page(model, RuleForm.empty(), Map.of());
    }

    /** The result of a test: the rule that matched first (null for none) and how many labels were read. */
    record Tested(RoutingRule rule, int labels) {}

    private String page(Model model, RuleForm form, Map<String, String> errors) {
        List<RoutingRule> rules = routing.rules();
        Map<Long, String> serviceNames = new LinkedHashMap<>();
        List<ServiceView> all = services.all();
        all.forEach(s -> serviceNames.put(s.id(), s.name()));
        model.addAttribute("rules", rules);
        model.addAttribute("serviceNames", serviceNames);
        model.addAttribute("services", all);
        model.addAttribute("severities", severities.all());
        Map<Long, String> policyNames = new LinkedHashMap<>();
        policies.all().forEach(p -> policyNames.put(p.id(), p.name()));
        model.addAttribute("policyNames", policyNames);
        model.addAttribute("actions", ActionChoice.ALL);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("sample")) {
            model.addAttribute("sample", "");
        }
        return "alerting/routing";
    }

    /** An action as the form offers it, with what it does. */
    record ActionChoice(String value, String label, String meaning) {

        static final List<ActionChoice> ALL = List.of(
                new ActionChoice(
                        RoutingRule.Action.NONE.json(),
                        "Route only",
                        "The alert belongs to the rule's service; no incident."),
                new ActionChoice(
                        RoutingRule.Action.DECLARE.json(),
                        "Declare an incident",
                        "Each new alert declares an incident titled after it, on the rule's service."),
                new ActionChoice(
                        RoutingRule.Action.ATTACH.json(),
                        "Join the open incident",
                        "The alert joins the service's most recent open incident, if there is one."));
    }
}
