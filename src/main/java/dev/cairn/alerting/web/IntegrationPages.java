package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertEvent;
import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.IntegrationKind;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.alerting.Integrations;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
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

/** The integrations pages: list, create (the secret URL shown once), details, rotate, preview. */
@Controller
class IntegrationPages {

    private static final int PAGE_SIZE = 50;
    private static final int MAX_SAMPLE = 256 * 1024;

    private final Integrations integrations;
    private final Services services;

    IntegrationPages(Integrations integrations, Services services) {
        this.integrations = integrations;
        this.services = services;
    }

    @GetMapping("/integrations")
    String list(@RequestParam(required = false) String cursor, Model model) {
        CursorPage<IntegrationView> page = integrations.page(cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("serviceNames", serviceNames());
        model.addAttribute("kinds", kindLabels());
        model.addAttribute(
                "none", (cursor == null || cursor.isBlank()) && page.items().isEmpty());
        return "alerting/integrations";
    }

    @GetMapping("/integrations/new")
    String newIntegration(@AuthenticationPrincipal Actor me, Model model) {
        Actors.requireWrite(me);
        return form(model, IntegrationForm.empty(), Map.of());
    }

    @PostMapping("/integrations")
    String create(IntegrationForm form, @AuthenticationPrincipal Actor me, Model model, HttpServletResponse response) {
        Actors.requireWrite(me);
        Map<String, String> errors = new LinkedHashMap<>();
        Long serviceId = form.service(errors);
        try {
            IntegrationKind kind = IntegrationKind.parse(form.kind());
            GenericMapping mapping = kind == IntegrationKind.GENERIC ? form.mapping() : null;
            if (errors.isEmpty()) {
                Integrations.Created created = integrations.create(form.name(), kind, serviceId, mapping, me);
                return shown(created, false, model, response);
            }
        } catch (InvalidInputException e) {
            errors.putIfAbsent(e.field(), e.getMessage());
        }
        response.setStatus(422);
        return form(model, form, errors);
    }

    @GetMapping("/integrations/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        return detail(integrations.get(id), me, model);
    }

    @PostMapping("/integrations/{id}/rotate")
    String rotate(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model, HttpServletResponse response) {
        return shown(integrations.rotate(id, me), true, model, response);
    }

    @PostMapping("/integrations/{id}/active")
    String setActive(
            @PathVariable long id,
            @RequestParam boolean active,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes redirect) {
        IntegrationView integration = integrations.setActive(id, active, me);
        redirect.addFlashAttribute(
                "notice",
                integration.active()
                        ? "Enabled: alerts sent to this integration are taken in again."
                        : "Disabled: its URL now refuses alerts until you enable it again.");
        return "redirect:/integrations/" + id;
    }

    @PostMapping("/integrations/{id}/preview")
    String preview(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String sample,
            @AuthenticationPrincipal Actor me,
            Model model,
            HttpServletResponse response) {
        IntegrationView integration = integrations.get(id);
        if (integration.kind() != IntegrationKind.GENERIC) {
            throw new InvalidInputException("kind", "has no mapping to preview: only generic webhooks have one");
        }
        model.addAttribute("sample", sample);
        try {
            if (sample.isBlank()) {
                throw new InvalidInputException("sample", "is empty: paste a payload your tool sends");
            }
            if (sample.length() > MAX_SAMPLE) {
                throw new InvalidInputException("sample", "is too long (at most 256 KiB)");
            }
            List<AlertEvent> events = integrations.preview(integration.mapping(), sample);
            model.addAttribute("preview", events);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute(
                    "previewError", new PreviewError(e.field().replaceFirst("^sample\\.", ""), e.getMessage()));
        }
        return detail(integration, me, model);
    }

    /** Why a sample could not be read: the field of the payload (or the mapping) and the reason. */
    record PreviewError(String field, String reason) {}

    private String detail(IntegrationView integration, Actor me, Model model) {
        model.addAttribute("integration", integration);
        model.addAttribute("kindLabel", KindChoice.labelOf(integration.kind()));
        model.addAttribute(
                "service",
                integration.serviceId() == null
                        ? null
                        : services.find(integration.serviceId()).orElse(null));
        model.addAttribute("hookHint", hookHint(integration));
        model.addAttribute("rejected", me.canWrite() ? integrations.rejected(integration.id(), me) : List.of());
        model.addAttribute("showRejected", me.canWrite());
        if (integration.mapping() != null) {
            model.addAttribute("samplePlaceholder", SetupSnippet.sample(integration.mapping()));
        }
        if (!model.containsAttribute("sample")) {
            model.addAttribute("sample", "");
        }
        return "alerting/integration";
    }

    private String shown(Integrations.Created created, boolean rotated, Model model, HttpServletResponse response) {
        // The secret is in this page only: keep it out of caches and the back-forward history.
        response.setHeader("Cache-Control", "no-store");
        HookUrls.HookUrl hook = HookUrls.of(created);
        model.addAttribute("integration", created.integration());
        model.addAttribute("kindLabel", KindChoice.labelOf(created.integration().kind()));
        model.addAttribute("hook", hook);
        model.addAttribute("snippet", SetupSnippet.of(created.integration(), hook));
        model.addAttribute("rotated", rotated);
        return "alerting/integration-created";
    }

    private String form(Model model, IntegrationForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", KindChoice.ALL);
        model.addAttribute("services", services.all());
        return "alerting/integration-form";
    }

    /** The URL without its secret, enough to recognise it in a sender's configuration. */
    private static String hookHint(IntegrationView integration) {
        return integration.kind() == IntegrationKind.PAGERDUTY
                ? HookUrls.base() + "/v2/enqueue (routing key …" + integration.tokenHint() + ")"
                : HookUrls.base() + "/hooks/" + integration.kind().json() + "/…" + integration.tokenHint();
    }

    private Map<Long, String> serviceNames() {
        return services.all().stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name, (a, b) -> a));
    }

    private static Map<IntegrationKind, String> kindLabels() {
        return KindChoice.ALL.stream()
                .collect(Collectors.toMap(KindChoice::kind, KindChoice::label, (a, b) -> a, LinkedHashMap::new));
    }
}
