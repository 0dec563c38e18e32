package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.Incidents;
import dev.cairn.review.Rotation;
import dev.cairn.review.RotationVolunteer;
import java.util.List;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /reviews/rotation}: the pool of volunteer reviewers (anyone joins or steps out for
 * themselves, admins manage everyone) and the latest assignments; and the incident's rotation card,
 * loaded by htmx on the review page: who reviews and why, with a reassign form for admins and the
 * commander.
 */
@Controller
class RotationPages {

    private final Rotation rotation;
    private final Users users;
    private final Incidents incidents;

    RotationPages(Rotation rotation, Users users, Incidents incidents) {
        this.rotation = rotation;
        this.users = users;
        this.incidents = incidents;
    }

    @GetMapping("/reviews/rotation")
    String pool(@AuthenticationPrincipal Actor me, Model model) {
        List<RotationVolunteer> volunteers = rotation.volunteers();
        Set<Long> inPool = volunteers.stream().map(RotationVolunteer::userId).collect(Collectors.toSet());
        model.addAttribute("volunteers", volunteers);
        model.addAttribute("mine", inPool.contains(me.userId()));
        model.addAttribute("recent", rotation.recent(20));
        model.addAttribute(
                "candidates",
                users.active().stream()
                        .filter(u -> u.role() != Role.VIEWER && !inPool.contains(u.id()))
                        .sorted(java.util.Comparator.comparing(UserView::name, String.CASE_INSENSITIVE_ORDER))
                        .toList());
        return "review/rotation";
    }

    @PostMapping("/reviews/rotation/join")
    String join(
            @RequestParam(required = false) Long userId, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        long who = userId == null ? me.userId() : userId;
        rotation.volunteer(who, me);
        flash.addFlashAttribute(
                "notice", who == me.userId() ? "Thank you: you are in the review rotation." : "Added to the rotation.");
        return "redirect:/reviews/rotation";
    }

    @PostMapping("/reviews/rotation/leave")
    String leave(
            @RequestParam(required = false) Long userId, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        long who = userId == null ? me.userId() : userId;
        rotation.stepOut(who, me);
        flash.addFlashAttribute(
                "notice",
                who == me.userId()
                        ? "You stepped out of the rotation; reviews you already have stay yours."
                        : "Removed from the rotation.");
        return "redirect:/reviews/rotation";
    }

    @GetMapping("/incidents/{id}/review/rotation")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        return render(id, me, model, null);
    }

    @PostMapping("/incidents/{id}/review/rotation")
    String reassign(
            @PathVariable long id,
            @RequestParam long reviewerId,
            @RequestParam String reason,
            @AuthenticationPrincipal Actor me,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        rotation.reassign(id, reviewerId, reason, me);
        return htmx == null ? "redirect:/incidents/" + id : render(id, me, model, "Reassigned.");
    }

    private String render(long id, Actor me, Model model, String notice) {
        Incident incident = incidents.get(id, me);
        boolean commander = incident.holder(IncidentRole.COMMANDER)
                .map(h -> h.userId() == me.userId())
                .orElse(false);
        model.addAttribute("incident", incident);
        model.addAttribute("assignment", rotation.assignment(id, me).orElse(null));
        model.addAttribute("covered", rotation.covers(incident.severity()));
        model.addAttribute("canReassign", me.canWrite() && (me.isAdmin() || commander));
        model.addAttribute("notice", notice);
        if (me.canWrite() && (me.isAdmin() || commander)) {
            model.addAttribute(
                    "people",
                    users.active().stream()
                            .filter(u -> u.role() != Role.VIEWER)
                            .sorted(java.util.Comparator.comparing(UserView::name, String.CASE_INSENSITIVE_ORDER))
                            .toList());
        }
        return "review/rotation-card :: card";
    }
}
