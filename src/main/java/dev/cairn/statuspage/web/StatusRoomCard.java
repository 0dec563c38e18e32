package dev.cairn.statuspage.web;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.statuspage.Component;
import dev.cairn.statuspage.Impact;
import dev.cairn.statuspage.PublicStatus;
import dev.cairn.statuspage.StatusIncident;
import dev.cairn.statuspage.StatusPage;
import dev.cairn.statuspage.StatusPublishing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The status page card in the incident room (loaded by htmx): publish the incident with public
 * wording, or post a public update. Forms post by htmx and get the card back; without scripts
 * they post normally and return to the room.
 */
@Controller
class StatusRoomCard {

    private final Incidents incidents;
    private final StatusPublishing publishing;
    private final StatusPage page;

    StatusRoomCard(Incidents incidents, StatusPublishing publishing, StatusPage page) {
        this.incidents = incidents;
        this.publishing = publishing;
        this.page = page;
    }

    /** What the form shows: typed values, kept on an error. */
    record Form(String title, String message, String status, Map<Long, String> impacts) {}

    @GetMapping("/incidents/{id}/status-page")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        return render(id, me, model, null, null, null);
    }

    @PostMapping("/incidents/{id}/status-page")
    String publish(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam Map<String, String> params,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        Form typed = typed(params);
        try {
            publishing.publish(
                    new StatusIncident.Publish(id, typed.title(), typed.message(), typed.status(), impacts(typed)), me);
            return done(id, me, model, htmx, "Published to the status page.");
        } catch (InvalidInputException e) {
            return render(id, me, model, typed, e.field() + " " + e.getMessage(), null);
        } catch (ConflictException e) {
            return render(id, me, model, typed, e.getMessage(), null);
        }
    }

    @PostMapping("/incidents/{id}/status-page/updates")
    String post(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam Map<String, String> params,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        Form typed = typed(params);
        try {
            publishing.postForIncident(
                    id, new StatusIncident.Post(typed.title(), typed.message(), typed.status(), impacts(typed)), me);
            return done(id, me, model, htmx, "Update posted to the status page.");
        } catch (InvalidInputException e) {
            return render(id, me, model, typed, e.field() + " " + e.getMessage(), null);
        } catch (ConflictException e) {
            return render(id, me, model, typed, e.getMessage(), null);
        }
    }

    private String done(long id, Actor me, Model model, String htmx, String notice) {
        if (htmx == null) {
            return "redirect:/incidents/" + id;
        }
        return render(id, me, model, null, null, notice);
    }

    private String render(long id, Actor me, Model model, Form typed, String error, String notice) {
        Incident incident = incidents.get(id, me);
        Optional<StatusIncident> published = publishing.ofIncident(id, me);
        List<Component> components = page.components();
        Set<Long> services =
                incident.services().stream().map(Incident.ServiceRef::id).collect(Collectors.toSet());
        Set<Long> mapped = components.stream()
                .filter(c -> c.serviceIds().stream().anyMatch(services::contains))
                .map(Component::id)
                .collect(Collectors.toSet());
        Form form = typed;
        if (form == null) {
            Map<Long, String> impacts = new LinkedHashMap<>();
            components.forEach(c -> impacts.put(
                    c.id(),
                    published
                            .map(p -> p.latest().impacts().getOrDefault(c.id(), Impact.OPERATIONAL))
                            .orElse(Impact.OPERATIONAL)
                            .json()));
            form = new Form(
                    published.map(StatusIncident::title).orElse(""),
                    "",
                    published.map(p -> p.status().json()).orElse(PublicStatus.INVESTIGATING.json()),
                    impacts);
        }
        model.addAttribute("incident", incident);
        model.addAttribute("refusal", StatusPublishing.refusal(incident.type()).orElse(null));
        model.addAttribute("published", published.orElse(null));
        model.addAttribute("components", components);
        model.addAttribute("mapped", mapped);
        model.addAttribute("form", form);
        model.addAttribute("impacts", Impact.values());
        model.addAttribute("statuses", PublicStatus.values());
        model.addAttribute("error", error);
        model.addAttribute("notice", notice);
        return "statuspage/card :: card";
    }

    private static Form typed(Map<String, String> params) {
        Map<Long, String> impacts = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("impact.")) {
                try {
                    impacts.put(Long.parseLong(k.substring("impact.".length())), v);
                } catch (NumberFormatException ignored) {
                    // not a component field: the service names the impacts it accepts
                }
            }
        });
        return new Form(params.get("title"), params.get("message"), params.get("status"), impacts);
    }

    private static Map<String, String> impacts(Form form) {
        Map<String, String> out = new LinkedHashMap<>();
        form.impacts().forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
