package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.NewUser;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins list people, create them with a one-time password, and change their role or access. */
@Controller
class AdminUsersController {

    private static final int PAGE_SIZE = 50;

    private final Users users;

    AdminUsersController(Users users) {
        this.users = users;
    }

    record NewUserForm(String email, String name, String timeZone, String role) {}

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) String cursor, Model model) {
        return listPage(cursor, new NewUserForm("", "", "UTC", "responder"), model);
    }

    @PostMapping("/admin/users")
    String create(@AuthenticationPrincipal Actor me, NewUserForm form, Model model, HttpServletResponse response) {
        try {
            Users.Created created = users.create(
                    new NewUser(form.email(), form.name(), form.timeZone(), Role.parse(form.role()), null), me);
            model.addAttribute("created", created.user());
            model.addAttribute("password", created.generatedPassword());
            return "identity/user-created";
        } catch (InvalidInputException e) {
            return AccountController.invalid(e, response, model, () -> listPage(null, form, model));
        } catch (ConflictException e) {
            return AccountController.invalid(
                    new InvalidInputException("email", "is already used by someone else"),
                    response,
                    model,
                    () -> listPage(null, form, model));
        }
    }

    @GetMapping("/admin/users/{id}")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("user", users.get(id));
        return "identity/user-edit";
    }

    @PostMapping("/admin/users/{id}")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String timeZone,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String slackId,
            @RequestParam(defaultValue = "false") boolean active,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserView current = users.get(id);
        try {
            users.update(id, name, timeZone, Role.parse(role), slackId, active, me);
        } catch (InvalidInputException e) {
            model.addAttribute("user", edited(current, name, timeZone, current.role(), slackId, active));
            return AccountController.invalid(e, response, model, () -> "identity/user-edit");
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("user", edited(current, name, timeZone, current.role(), slackId, active));
            model.addAttribute("errors", Map.of("form", e.getMessage() + "."));
            return "identity/user-edit";
        }
        redirect.addFlashAttribute("notice", "Saved changes to " + name.strip() + ".");
        return "redirect:/admin/users";
    }

    private String listPage(String cursor, NewUserForm form, Model model) {
        CursorPage<UserView> page = users.page(cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("form", form);
        model.addAttribute("roles", Role.values());
        return "identity/users";
    }

    /** What the admin typed, shown again with the reason it was refused. */
    private static UserView edited(
            UserView current, String name, String timeZone, Role role, String slackId, boolean active) {
        return new UserView(current.id(), current.email(), name, timeZone, role, slackId, active);
    }
}
