package dev.cairn.comms.web;

import dev.cairn.catalog.Services;
import dev.cairn.comms.Audience;
import dev.cairn.comms.AudienceUpdates;
import dev.cairn.comms.Audiences;
import dev.cairn.comms.ComposeUpdate;
import dev.cairn.comms.Draft;
import dev.cairn.comms.Follows;
import dev.cairn.comms.SendUpdates;
import dev.cairn.comms.SendUpdates.AudienceText;
import dev.cairn.comms.SentUpdate;
import dev.cairn.comms.UpdateCadence;
import dev.cairn.comms.UpdateCadence.AudienceDue;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The updates card of the room (loaded by htmx, so the timeline module never knows about comms),
 * the compose page with a draft per audience, and following incidents and services.
 */
@Controller
class UpdatePages {

    /** Choices for "next update in". */
    static final List<Integer> NEXT_MINUTES = List.of(15, 30, 60, 120, 240);

    private final AudienceUpdates updates;
    private final Audiences audiences;
    private final UpdateCadence cadence;
    private final Follows follows;
    private final Incidents incidents;
    private final Services services;
    private final Clock clock;

    UpdatePages(
            AudienceUpdates updates,
            Audiences audiences,
            UpdateCadence cadence,
            Follows follows,
            Incidents incidents,
            Services services,
            Clock clock) {
        this.updates = updates;
        this.audiences = audiences;
        this.cadence = cadence;
        this.follows = follows;
        this.incidents = incidents;
        this.services = services;
        this.clock = clock;
    }

    /** One audience's line on the card. */
    record Row(Audience audience, SentUpdate last, AudienceDue due) {}

    @GetMapping("/incidents/{id}/updates/card")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Incident incident = incidents.get(id, me);
        Map<Long, SentUpdate> latest = updates.latest(id, me);
        Map<Long, AudienceDue> dues = cadence.dues(id);
        List<Row> rows = audiences.all().stream()
                .map(a -> new Row(a, latest.get(a.id()), dues.get(a.id())))
                .toList();
        model.addAttribute("incident", incident);
        model.addAttribute("rows", rows);
        model.addAttribute(
                "overdue",
                rows.stream().anyMatch(r -> r.due() != null && r.due().overdue()));
        model.addAttribute("remindee", UpdateCadence.remindee(incident).orElse(null));
        model.addAttribute("following", follows.followingIncident(id, me).orElse(null));
        model.addAttribute("audiences", audiences.all());
        return "comms/card :: card";
    }

    @GetMapping("/incidents/{id}/updates/new")
    String compose(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String impact,
            @RequestParam(required = false) String actions,
            @RequestParam(required = false) String workaround,
            @RequestParam(required = false) Integer next,
            Model model) {
        ComposeUpdate update = new ComposeUpdate(impact, actions, workaround, nextAt(next));
        return composePage(id, me, update, next, updates.drafts(id, update, me), model);
    }

    @PostMapping("/incidents/{id}/updates")
    String send(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        Integer next = parseNext(form.get("next"));
        ComposeUpdate update =
                new ComposeUpdate(form.get("impact"), form.get("actions"), form.get("workaround"), nextAt(next));
        String which = form.getOrDefault("send", "all");
        List<AudienceText> texts = new ArrayList<>();
        List<Draft> typed = new ArrayList<>();
        for (Audience a : audiences.all()) {
            String subject = form.getOrDefault("subject_" + a.id(), "");
            String body = form.getOrDefault("body_" + a.id(), "");
            typed.add(new Draft(
                    a.id(), a.slug(), a.name(), subject, body, a.recipients().size()));
            if (which.equals("all") || which.equals(String.valueOf(a.id()))) {
                texts.add(new AudienceText(String.valueOf(a.id()), subject, body));
            }
        }
        try {
            updates.send(
                    id,
                    new SendUpdates(
                            update.impact(), update.actions(), update.workaround(), update.nextUpdateAt(), texts),
                    me);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("error", e.field() + ": " + e.getMessage());
            return composePage(id, me, update, next, typed, model);
        }
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/follow")
    String followIncident(@PathVariable long id, @AuthenticationPrincipal Actor me, @RequestParam long audienceId) {
        follows.followIncident(id, audienceId, me);
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/unfollow")
    String unfollowIncident(@PathVariable long id, @AuthenticationPrincipal Actor me) {
        follows.unfollowIncident(id, me);
        return "redirect:/incidents/" + id;
    }

    @GetMapping("/services/{id}/follow")
    String serviceFollow(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("service", services.get(id));
        model.addAttribute("following", follows.followingService(id, me).orElse(null));
        model.addAttribute("audiences", audiences.all());
        return "comms/follow :: service";
    }

    @PostMapping("/services/{id}/follow")
    String followService(@PathVariable long id, @AuthenticationPrincipal Actor me, @RequestParam long audienceId) {
        follows.followService(id, audienceId, me);
        return "redirect:/services/" + id;
    }

    @PostMapping("/services/{id}/unfollow")
    String unfollowService(@PathVariable long id, @AuthenticationPrincipal Actor me) {
        follows.unfollowService(id, me);
        return "redirect:/services/" + id;
    }

    private String composePage(long id, Actor me, ComposeUpdate update, Integer next, List<Draft> drafts, Model model) {
        model.addAttribute("incident", incidents.get(id, me));
        model.addAttribute("update", update);
        model.addAttribute("next", next);
        model.addAttribute("nextChoices", NEXT_MINUTES);
        model.addAttribute("drafts", drafts);
        model.addAttribute("dues", cadence.dues(id));
        return "comms/compose";
    }

    private Instant nextAt(Integer minutes) {
        return minutes == null ? null : clock.instant().plusSeconds(minutes * 60L);
    }

    private static Integer parseNext(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int minutes = Integer.parseInt(value.strip());
            if (minutes < 5 || minutes > 1440) {
                throw new NumberFormatException();
            }
            return minutes;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("next", "must be 5 to 1440 minutes");
        }
    }
}
