package dev.cairn.action.web;

import dev.cairn.action.ActionFilter;
import dev.cairn.action.ActionItem;
import dev.cairn.action.ActionItems;
import dev.cairn.action.TeamCounts;
import dev.cairn.action.Trackers;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /actions}: action items across incidents, per team (the owner's team) with counts of what
 * was decided and what was done, overdue first; and {@code /admin/trackers}: where items go.
 */
@Controller
class ActionPages {

    private final ActionItems actions;
    private final Trackers trackers;
    private final Teams teams;

    ActionPages(ActionItems actions, Trackers trackers, Teams teams) {
        this.actions = actions;
        this.trackers = trackers;
        this.teams = teams;
    }

    @GetMapping("/actions")
    String actions(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Actor me,
            Model model) {
        Long teamId = team == null || team.isBlank() ? null : teamId(team);
        ActionFilter filter = new ActionFilter(teamId, state, overdue);
        CursorPage<ActionItem> page = actions.page(filter, cursor, CursorPage.DEFAULT_LIMIT, me);
        List<TeamCounts> counts = actions.counts(teamId, me);
        model.addAttribute("page", page);
        model.addAttribute("counts", counts);
        model.addAttribute("totals", total(counts));
        model.addAttribute("teams", teams.all());
        model.addAttribute("team", teamId);
        model.addAttribute("state", filter.state());
        model.addAttribute("overdue", overdue);
        model.addAttribute("today", actions.today());
        return "action/actions";
    }

    @GetMapping("/admin/trackers")
    String trackers(@AuthenticationPrincipal Actor me, Model model) {
        dev.cairn.identity.Actors.requireAdminRead(me);
        model.addAttribute("trackers", trackers.status());
        model.addAttribute("mappings", trackers.mappings());
        model.addAttribute("syncCounts", trackers.syncCounts());
        model.addAttribute("problems", trackers.problems(20));
        model.addAttribute("teams", teams.all());
        return "action/trackers";
    }

    @PostMapping("/admin/trackers/mappings")
    String map(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String tracker,
            @RequestParam(required = false) String target,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        try {
            Long teamId = team == null || team.isBlank() ? null : teamId(team);
            trackers.map(teamId, tracker, target, me);
            flash.addFlashAttribute("notice", "Mapping saved.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", "Not saved: " + e.field() + " " + e.getMessage() + ".");
        }
        return "redirect:/admin/trackers";
    }

    @PostMapping("/admin/trackers/mappings/delete")
    String unmap(
            @RequestParam(required = false) String team, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        trackers.unmap(team == null || team.isBlank() ? null : teamId(team), me);
        flash.addFlashAttribute("notice", "Mapping removed.");
        return "redirect:/admin/trackers";
    }

    @PostMapping("/admin/trackers/retry")
    String retry(@AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        int n = trackers.retryFailed(me);
        flash.addFlashAttribute("notice", n == 1 ? "1 item queued again." : n + " items queued again.");
        return "redirect:/admin/trackers";
    }

    private static Long teamId(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("team", "is not a team id");
        }
    }

    private static TeamCounts total(List<TeamCounts> counts) {
        int[] t = new int[6];
        for (TeamCounts c : counts) {
            t[0] += c.proposed();
            t[1] += c.toDo();
            t[2] += c.wontDo();
            t[3] += c.later();
            t[4] += c.done();
            t[5] += c.overdue();
        }
        return new TeamCounts(null, "All teams", t[0], t[1], t[2], t[3], t[4], t[5]);
    }
}
