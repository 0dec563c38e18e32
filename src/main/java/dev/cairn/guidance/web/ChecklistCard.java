package dev.cairn.guidance.web;

import dev.cairn.guidance.Checklists;
import dev.cairn.guidance.IncidentChecklist;
import dev.cairn.guidance.IncidentChecklistItem;
import dev.cairn.guidance.RoleCards;
import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.Incidents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The checklist card of the incident room, loaded by htmx (the timeline module never knows about
 * guidance): nudges on top, the reader's role cards, then the items to tick. Ticking is a plain
 * form post that htmx turns into a swap of the card.
 */
@Controller
class ChecklistCard {

    private final Checklists checklists;
    private final RoleCards roleCards;
    private final Incidents incidents;

    ChecklistCard(Checklists checklists, RoleCards roleCards, Incidents incidents) {
        this.checklists = checklists;
        this.roleCards = roleCards;
        this.incidents = incidents;
    }

    /** A list of items under one heading: a severity's, or a role's with who holds it. */
    record Group(String title, String holder, List<IncidentChecklistItem> items) {}

    @GetMapping("/incidents/{id}/checklist")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        return render(id, checklists.of(id, me), me, model);
    }

    @PostMapping("/incidents/{id}/checklist/{itemId}/tick")
    String tick(
            @PathVariable long id,
            @PathVariable long itemId,
            @AuthenticationPrincipal Actor me,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        IncidentChecklist checklist = checklists.tick(id, itemId, true, me);
        return htmx == null ? "redirect:/incidents/" + id : render(id, checklist, me, model);
    }

    @PostMapping("/incidents/{id}/checklist/{itemId}/untick")
    String untick(
            @PathVariable long id,
            @PathVariable long itemId,
            @AuthenticationPrincipal Actor me,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        IncidentChecklist checklist = checklists.tick(id, itemId, false, me);
        return htmx == null ? "redirect:/incidents/" + id : render(id, checklist, me, model);
    }

    private String render(long id, IncidentChecklist checklist, Actor me, Model model) {
        Incident incident = incidents.get(id, me);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (IncidentChecklistItem item : checklist.items()) {
            String key = item.severity() != null
                    ? item.severity()
                    : "role:" + item.role().json();
            groups.computeIfAbsent(
                            key,
                            k -> item.severity() != null
                                    ? new Group(item.severity() + " checklist", null, new ArrayList<>())
                                    : new Group(label(item.role()), incident.nameFor(item.role()), new ArrayList<>()))
                    .items()
                    .add(item);
        }
        // The severity lists first (the one everyone shares), then the roles.
        List<Group> ordered = new ArrayList<>();
        groups.forEach((k, g) -> {
            if (!k.startsWith("role:")) {
                ordered.add(g);
            }
        });
        groups.forEach((k, g) -> {
            if (k.startsWith("role:")) {
                ordered.add(g);
            }
        });
        model.addAttribute("incident", incident);
        model.addAttribute("checklist", checklist);
        model.addAttribute("groups", ordered);
        model.addAttribute("roleCards", roleCards.held(incident, me.userId()));
        return "guidance/card :: card";
    }

    private static String label(IncidentRole role) {
        return role == IncidentRole.COMMANDER ? "Commander" : role.label();
    }
}
