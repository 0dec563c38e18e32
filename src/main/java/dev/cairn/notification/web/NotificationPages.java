package dev.cairn.notification.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Users;
import dev.cairn.notification.Channel;
import dev.cairn.notification.ContactMethodView;
import dev.cairn.notification.ContactMethods;
import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.NotificationRuleView;
import dev.cairn.notification.NotificationRules;
import dev.cairn.notification.NotificationStep;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Your own notification settings: contact methods, rules, and what Cairn sent you. */
@Controller
class NotificationPages {

    static final int RECENT = 20;
    private static final String PAGE = "/account/notifications";

    private final ContactMethods methods;
    private final NotificationRules rules;
    private final Notifications notifications;
    private final Users users;
    private final Clock clock;

    NotificationPages(
            ContactMethods methods, NotificationRules rules, Notifications notifications, Users users, Clock clock) {
        this.methods = methods;
        this.rules = rules;
        this.notifications = notifications;
        this.users = users;
        this.clock = clock;
    }

    record MethodForm(String name, String channel, String address) {}

    record RuleForm(String contactMethodId, String delayMinutes) {}

    /** A contact method as the page lists it, with its latest test. */
    record MethodItem(ContactMethodView method, DeliveryView lastTest) {}

    /** A rule as the page lists it: "after 5 minutes: Work e-mail". */
    record RuleItem(long id, String when, String methodName, Channel channel, boolean methodEnabled) {}

    /** A step of the plan: when, and to whom. */
    record StepItem(String when, String name, Channel channel, String address) {}

    /** A delivery as the page lists it, with what it said. */
    record DeliveryItem(DeliveryView delivery, String subject) {}

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal Actor me, Model model) {
        return render(me, new MethodForm("", "email", ""), new RuleForm("", "0"), Map.of(), model);
    }

    @PostMapping(PAGE + "/methods")
    String addMethod(
            @AuthenticationPrincipal Actor me,
            MethodForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        ContactMethods.Created created;
        try {
            Channel channel = form.channel() == null || form.channel().isBlank() ? null : Channel.parse(form.channel());
            created = methods.create(me.userId(), form.name(), channel, form.address(), me);
        } catch (InvalidInputException e) {
            return invalid(me, e.field(), e.getMessage(), form, new RuleForm("", "0"), model, response);
        } catch (ConflictException e) {
            return invalid(me, "name", e.getMessage(), form, new RuleForm("", "0"), model, response);
        }
        if (created.secret() != null) {
            return secret(created, false, model, response);
        }
        redirect.addFlashAttribute(
                "notice", "\u201c" + created.method().name() + "\u201d is added. Send yourself a test to check it.");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/methods/{id}/enable")
    String enable(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        ContactMethodView method = methods.update(me.userId(), id, null, null, true, me);
        redirect.addFlashAttribute("notice", "\u201c" + method.name() + "\u201d is enabled.");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/methods/{id}/disable")
    String disable(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        ContactMethodView method = methods.update(me.userId(), id, null, null, false, me);
        redirect.addFlashAttribute(
                "notice", "\u201c" + method.name() + "\u201d is disabled: Cairn will not use it until you enable it.");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/methods/{id}/delete")
    String delete(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        String name = methods.get(me.userId(), id, me).name();
        methods.delete(me.userId(), id, me);
        redirect.addFlashAttribute("notice", "\u201c" + name + "\u201d and its rules are deleted.");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/methods/{id}/test")
    String test(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        ContactMethodView method = methods.get(me.userId(), id, me);
        notifications.test(me.userId(), id, me);
        redirect.addFlashAttribute(
                "notice", "A test is on its way to \u201c" + method.name() + "\u201d. Its result shows below.");
        return "redirect:" + PAGE + "#method-" + id;
    }

    @PostMapping(PAGE + "/methods/{id}/rotate-secret")
    String rotate(@AuthenticationPrincipal Actor me, @PathVariable long id, Model model, HttpServletResponse response) {
        return secret(methods.rotateSecret(me.userId(), id, me), true, model, response);
    }

    @PostMapping(PAGE + "/rules")
    String addRule(
            @AuthenticationPrincipal Actor me,
            RuleForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            rules.add(
                    me.userId(),
                    number(form.contactMethodId(), "contactMethodId", "choose a contact method"),
                    minutes(form.delayMinutes()),
                    me);
        } catch (InvalidInputException e) {
            return invalid(me, e.field(), e.getMessage(), new MethodForm("", "email", ""), form, model, response);
        } catch (ConflictException e) {
            return invalid(me, "delayMinutes", e.getMessage(), new MethodForm("", "email", ""), form, model, response);
        }
        redirect.addFlashAttribute("notice", "Rule added.");
        return "redirect:" + PAGE + "#rules";
    }

    @PostMapping(PAGE + "/rules/{id}/delete")
    String deleteRule(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        rules.delete(me.userId(), id, me);
        redirect.addFlashAttribute("notice", "Rule deleted.");
        return "redirect:" + PAGE + "#rules";
    }

    private String render(Actor me, MethodForm methodForm, RuleForm ruleForm, Map<String, String> errors, Model model) {
        List<ContactMethodView> mine = methods.of(me.userId(), me);
        Map<Long, ContactMethodView> byId =
                mine.stream().collect(Collectors.toMap(ContactMethodView::id, Function.identity()));
        Map<Long, DeliveryView> tests = notifications.latestTests(
                mine.stream().map(ContactMethodView::id).toList());
        List<DeliveryView> recent =
                notifications.recent(me.userId(), me, null, RECENT).items();
        Map<Long, String> subjects =
                notifications.subjects(recent.stream().map(DeliveryView::id).collect(Collectors.toList()));

        model.addAttribute("user", users.get(me.userId()));
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "methods",
                mine.stream().map(m -> new MethodItem(m, tests.get(m.id()))).toList());
        model.addAttribute(
                "rules",
                rules.of(me.userId(), me).stream()
                        .map(r -> rule(r, byId.get(r.contactMethodId())))
                        .toList());
        model.addAttribute(
                "plan",
                notifications.preview(me.userId(), me).stream()
                        .map(s -> step(s, byId))
                        .toList());
        model.addAttribute("allDisabled", !mine.isEmpty() && mine.stream().noneMatch(ContactMethodView::enabled));
        model.addAttribute(
                "deliveries",
                recent.stream()
                        .map(d -> new DeliveryItem(d, subjects.get(d.id())))
                        .toList());
        model.addAttribute("testsPending", tests.values().stream().anyMatch(DeliveryView::pending));
        model.addAttribute("deliveriesPending", recent.stream().anyMatch(DeliveryView::pending));
        model.addAttribute("methodForm", methodForm);
        model.addAttribute("ruleForm", ruleForm);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", Channel.values());
        return "notification/notifications";
    }

    private String invalid(
            Actor me,
            String field,
            String reason,
            MethodForm methodForm,
            RuleForm ruleForm,
            Model model,
            HttpServletResponse response) {
        response.setStatus(400);
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(
                field,
                Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + (reason.endsWith(".") ? "" : "."));
        return render(me, methodForm, ruleForm, errors, model);
    }

    private String secret(ContactMethods.Created created, boolean rotated, Model model, HttpServletResponse response) {
        // The secret is in this page only: keep it out of caches and the back-forward history.
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("method", created.method());
        model.addAttribute("secret", created.secret());
        model.addAttribute("rotated", rotated);
        return "notification/secret";
    }

    private static RuleItem rule(NotificationRuleView rule, ContactMethodView method) {
        return new RuleItem(
                rule.id(),
                when(rule.delayMinutes()),
                method == null ? "?" : method.name(),
                method == null ? Channel.EMAIL : method.channel(),
                method != null && method.enabled());
    }

    private static StepItem step(NotificationStep step, Map<Long, ContactMethodView> byId) {
        ContactMethodView method = step.contactMethodId() == null ? null : byId.get(step.contactMethodId());
        return new StepItem(
                when(step.delayMinutes()),
                method == null ? "Your account e-mail" : method.name(),
                step.channel(),
                step.channel().display(step.target()));
    }

    /** "at once", "after 1 minute", "after 90 minutes (1 h 30 min)". */
    static String when(int minutes) {
        if (minutes == 0) {
            return "At once";
        }
        String text = "After " + minutes + (minutes == 1 ? " minute" : " minutes");
        if (minutes >= 60) {
            text += " (" + (minutes / 60) + " h" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + " min") + ")";
        }
        return text;
    }

    private static int minutes(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("delayMinutes", "must be a number of minutes, 0 for at once");
        }
    }

    private static Long number(String value, String field, String reason) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, reason);
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, reason);
        }
    }
}
