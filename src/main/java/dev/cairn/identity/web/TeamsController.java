package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Everyone sees the teams and who is in them; admins create teams and change membership. */
@Controller
class TeamsController {

    private final Teams teams;
    private final Users users;

    TeamsController(Teams teams, Users users) {
        this.teams = teams;
        this.users = users;
    }

    @GetMapping("/teams")
    String list(Model model) {
        model.addAttribute("teams", teams.all());
        return "identity/teams";
    }

    @GetMapping("/teams/new")
    String newTeam(@AuthenticationPrincipal Actor me, Model model) {
        Actors.requireAdmin(me);
        model.addAttribute("name", "");
        model.addAttribute("description", "");
        return "identity/team-new";
    }

    @PostMapping("/teams")
    String create(
            @AuthenticationPrincipal Actor me,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            TeamView team = teams.create(name, description, me);
            redirect.addFlashAttribute("notice", "Team " + team.name() + " created. Add its members below.");
            return "redirect:/teams/" + team.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            return AccountController.invalid(nameError(e), response, model, () -> "identity/team-new");
        }
    }

    @GetMapping("/teams/{id}")
    String show(@PathVariable long id, Model model) {
        TeamView team = teams.get(id);
        return teamPage(team, team.name(), team.description(), model);
    }

    @PostMapping("/teams/{id}")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            teams.update(id, name, description, me);
        } catch (InvalidInputException | ConflictException e) {
            return AccountController.invalid(
                    nameError(e), response, model, () -> teamPage(teams.get(id), name, description, model));
        }
        redirect.addFlashAttribute("notice", "Team saved.");
        return "redirect:/teams/" + id;
    }

    @PostMapping("/teams/{id}/members")
    String addMember(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @RequestParam long userId,
            RedirectAttributes redirect) {
        UserView user = users.get(userId);
        teams.addMember(id, userId, me);
        redirect.addFlashAttribute("notice", user.name() + " is now a member.");
        return "redirect:/teams/" + id;
    }

    @PostMapping("/teams/{id}/members/{userId}/remove")
    String removeMember(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @PathVariable long userId,
            RedirectAttributes redirect) {
        UserView user = users.get(userId);
        teams.removeMember(id, userId, me);
        redirect.addFlashAttribute("notice", user.name() + " is no longer a member.");
        return "redirect:/teams/" + id;
    }

    private String teamPage(TeamView team, String name, String description, Model model) {
        Set<Long> members = team.members().stream().map(UserView::id).collect(Collectors.toSet());
        model.addAttribute("team", team);
        model.addAttribute("name", name);
        model.addAttribute("description", description);
        model.addAttribute(
                "candidates",
                users.active().stream().filter(u -> !members.contains(u.id())).toList());
        return "identity/team";
    }

    private static InvalidInputException nameError(RuntimeException e) {
        return e instanceof InvalidInputException invalid
                ? invalid
                : new InvalidInputException("name", "is taken by another team");
    }
}
