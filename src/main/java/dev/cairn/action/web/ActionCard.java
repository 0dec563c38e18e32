package dev.cairn.action.web;

import dev.cairn.action.ActionItem;
import dev.cairn.action.ActionItems;
import dev.cairn.action.ChangeAction;
import dev.cairn.action.Decision;
import dev.cairn.action.ProposeAction;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The action items card, loaded by htmx into the review page (and anywhere else that wants it):
 * the items with their decision, owner, due date and tracker link, a form to decide each, and a
 * form to propose one. Forms are plain posts that htmx turns into a swap of the card; a refused
 * change shows its reason on the card and loses nothing.
 */
@Controller
class ActionCard {

    private final ActionItems actions;
    private final Incidents incidents;
    private final Users users;

    ActionCard(ActionItems actions, Incidents incidents, Users users) {
        this.actions = actions;
        this.incidents = incidents;
        this.users = users;
    }

    @GetMapping("/incidents/{id}/actions/card")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        return render(id, me, model, null, null);
    }

    @PostMapping("/incidents/{id}/actions")
    String propose(
            @PathVariable long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @AuthenticationPrincipal Actor me,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("draftTitle", title);
        model.addAttribute("draftDescription", description);
        String view =
                act(id, null, me, htmx, model, () -> actions.propose(id, new ProposeAction(title, description), me));
        if (model.getAttribute("error") == null) {
            // Proposed: the form starts empty again.
            model.addAttribute("draftTitle", null);
            model.addAttribute("draftDescription", null);
        }
        return view;
    }

    @PostMapping("/incidents/{id}/actions/{actionId}/decide")
    String decide(
            @PathVariable long id,
            @PathVariable long actionId,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String dueOn,
            @RequestParam(required = false) String revisitOn,
            @RequestParam(required = false) String reason,
            @AuthenticationPrincipal Actor me,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(
                id,
                actionId,
                me,
                htmx,
                model,
                () -> actions.change(
                        id,
                        actionId,
                        new ChangeAction(
                                null,
                                null,
                                decision == null ? "" : decision,
                                reason,
                                owner(ownerId),
                                null,
                                blankToNull(dueOn),
                                blankToNull(revisitOn),
                                null),
                        me));
    }

    @PostMapping("/incidents/{id}/actions/{actionId}/done")
    String done(
            @PathVariable long id,
            @PathVariable long actionId,
            @RequestParam(defaultValue = "true") boolean done,
            @AuthenticationPrincipal Actor me,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(id, actionId, me, htmx, model, () -> actions.change(id, actionId, ChangeAction.done(done), me));
    }

    private String act(long id, Long actionId, Actor me, String htmx, Model model, Supplier<ActionItem> change) {
        try {
            change.get();
        } catch (InvalidInputException | ConflictException e) {
            if (htmx == null) {
                throw e;
            }
            return render(id, me, model, actionId, e.getMessage());
        }
        return htmx == null ? "redirect:/incidents/" + id : render(id, me, model, null, null);
    }

    private String render(long id, Actor me, Model model, Long errorFor, String error) {
        Incident incident = incidents.get(id, me);
        List<ActionItem> items = actions.ofIncident(id, me);
        model.addAttribute("incident", incident);
        model.addAttribute("items", items);
        model.addAttribute(
                "decided",
                items.stream().filter(i -> i.decision() != Decision.PROPOSED).count());
        model.addAttribute(
                "toDo", items.stream().filter(i -> i.decision() == Decision.DO).count());
        model.addAttribute("done", items.stream().filter(ActionItem::done).count());
        model.addAttribute("people", me.canWrite() ? users.active() : List.of());
        model.addAttribute("errorFor", errorFor);
        model.addAttribute("error", error);
        model.addAttribute("today", actions.today());
        return "action/card :: card";
    }

    private static Long owner(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("ownerId", "is not a Cairn user");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
