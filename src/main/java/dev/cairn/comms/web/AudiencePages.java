package dev.cairn.comms.web;

import dev.cairn.comms.Audience;
import dev.cairn.comms.AudienceInput;
import dev.cairn.comms.Audiences;
import dev.cairn.comms.Audiences.AddedRecipient;
import dev.cairn.comms.UpdateTemplate;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Severities;
import dev.cairn.incident.Severity;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /admin/audiences}: each audience's words, cadence and recipients, edited by admins. */
@Controller
class AudiencePages {

    private final Audiences audiences;
    private final Severities severities;

    AudiencePages(Audiences audiences, Severities severities) {
        this.audiences = audiences;
        this.severities = severities;
    }

    @GetMapping("/admin/audiences")
    String list(Model model) {
        return page(model, null, null);
    }

    @PostMapping("/admin/audiences")
    String create(
            @AuthenticationPrincipal Actor me,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            Audience created = audiences.create(input(form), me);
            redirect.addFlashAttribute("notice", "Added the audience " + created.name() + ".");
            return "redirect:/admin/audiences#audience-" + created.id();
        } catch (InvalidInputException e) {
            return invalid(e, null, model, response);
        }
    }

    @PostMapping("/admin/audiences/{id}")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            Audience saved = audiences.update(id, input(form), me);
            redirect.addFlashAttribute("notice", "Saved " + saved.name() + ".");
            return "redirect:/admin/audiences#audience-" + id;
        } catch (InvalidInputException e) {
            return invalid(e, id, model, response);
        }
    }

    @PostMapping("/admin/audiences/{id}/delete")
    String delete(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        String name = audiences.get(id).name();
        audiences.delete(id, me);
        redirect.addFlashAttribute("notice", "Deleted the audience " + name + ".");
        return "redirect:/admin/audiences";
    }

    @PostMapping("/admin/audiences/{id}/recipients")
    String addRecipient(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String channel,
            @RequestParam(defaultValue = "") String address,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            AddedRecipient added = audiences.addRecipient(id, channel, address, me);
            if (added.secret() != null) {
                model.addAttribute("audience", audiences.get(id));
                model.addAttribute("added", added);
                return "comms/secret";
            }
            redirect.addFlashAttribute("notice", "Added " + address.strip() + ".");
            return "redirect:/admin/audiences#audience-" + id;
        } catch (InvalidInputException e) {
            return invalid(e, id, model, response);
        }
    }

    @PostMapping("/admin/audiences/{id}/recipients/{recipientId}/delete")
    String removeRecipient(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @PathVariable long recipientId,
            RedirectAttributes redirect) {
        audiences.removeRecipient(id, recipientId, me);
        redirect.addFlashAttribute("notice", "Removed the recipient.");
        return "redirect:/admin/audiences#audience-" + id;
    }

    private AudienceInput input(Map<String, String> form) {
        Map<String, Integer> cadence = new LinkedHashMap<>();
        for (Severity s : severities.all()) {
            String value = form.getOrDefault("cadence_" + s.code(), "").strip();
            if (value.isEmpty()) {
                cadence.put(s.code(), 0);
                continue;
            }
            try {
                cadence.put(s.code(), Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cadence." + s.code(), "must be a number of minutes");
            }
        }
        return new AudienceInput(
                form.get("slug"),
                form.get("name"),
                form.get("description"),
                form.get("subjectTemplate"),
                form.get("template"),
                null,
                cadence);
    }

    private String invalid(InvalidInputException e, Long audienceId, Model model, HttpServletResponse response) {
        response.setStatus(400);
        return page(model, audienceId, e.field() + ": " + e.getMessage());
    }

    private String page(Model model, Long errorAudience, String error) {
        model.addAttribute("audiences", audiences.all());
        model.addAttribute("severities", severities.all());
        model.addAttribute("placeholders", UpdateTemplate.PLACEHOLDERS);
        model.addAttribute("errorAudience", errorAudience);
        model.addAttribute("error", error);
        return "comms/audiences";
    }
}
