package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.ApiTokens;
import dev.cairn.identity.TokenScope;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.identity.internal.PasswordChangeGate;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
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

/** Your own profile, password and API tokens. */
@Controller
class AccountController {

    private final Users users;
    private final ApiTokens tokens;

    AccountController(Users users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record ProfileForm(String name, String timeZone, String slackId) {

        static ProfileForm of(UserView user) {
            return new ProfileForm(user.name(), user.timeZone(), user.slackId() == null ? "" : user.slackId());
        }
    }

    record TokenForm(String name, String scope) {}

    @GetMapping("/account")
    String account(@AuthenticationPrincipal Actor me, Model model) {
        return page(me, ProfileForm.of(users.get(me.userId())), new TokenForm("", "read"), model);
    }

    @PostMapping("/account")
    String updateProfile(
            @AuthenticationPrincipal Actor me,
            ProfileForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            users.update(me.userId(), form.name(), form.timeZone(), null, form.slackId(), null, me);
        } catch (InvalidInputException e) {
            return invalid(e, response, model, () -> page(me, form, new TokenForm("", "read"), model));
        }
        redirect.addFlashAttribute("notice", "Your profile is saved.");
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String createToken(@AuthenticationPrincipal Actor me, TokenForm form, Model model, HttpServletResponse response) {
        try {
            TokenScope scope = TokenScope.parse(form.scope());
            ApiTokens.Created created = tokens.create(me, form.name(), scope);
            model.addAttribute("token", created.token());
            model.addAttribute("secret", created.secret());
            return "identity/token-created";
        } catch (InvalidInputException e) {
            // The profile form on the same page has its own "name".
            String field = "name".equals(e.field()) ? "tokenName" : e.field();
            return invalid(
                    new InvalidInputException(field, e.getMessage()),
                    response,
                    model,
                    () -> page(me, ProfileForm.of(users.get(me.userId())), form, model));
        }
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal Actor me, @PathVariable long id, RedirectAttributes redirect) {
        String name = tokens.revoke(me, id).name();
        redirect.addFlashAttribute("notice", "The token \u201c" + name + "\u201d is revoked.");
        return "redirect:/account";
    }

    @GetMapping("/account/password")
    String passwordForm(@RequestParam(required = false) String first, Model model) {
        model.addAttribute("first", first != null);
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String first,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String repeat,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("first", first != null);
        try {
            if (!newPassword.equals(repeat)) {
                throw new InvalidInputException("repeat", "does not match the new password");
            }
            users.changePassword(me, currentPassword, newPassword);
        } catch (InvalidInputException e) {
            String field = "password".equals(e.field()) ? "newPassword" : e.field();
            return invalid(
                    new InvalidInputException(field, e.getMessage()), response, model, () -> "identity/password");
        }
        if (first != null) {
            PasswordChangeGate.passwordChosen(request);
            return "redirect:/incidents";
        }
        redirect.addFlashAttribute("notice", "Your password is changed.");
        return "redirect:/account";
    }

    private String page(Actor me, ProfileForm profile, TokenForm tokenForm, Model model) {
        model.addAttribute("user", users.get(me.userId()));
        model.addAttribute("profile", profile);
        model.addAttribute("tokenForm", tokenForm);
        model.addAttribute("tokens", tokens.of(me.userId()));
        return "identity/account";
    }

    /** Shows the form again with the reason next to the field, as a 400. */
    static String invalid(
            InvalidInputException e,
            HttpServletResponse response,
            Model model,
            java.util.function.Supplier<String> view) {
        response.setStatus(400);
        String reason = e.getMessage();
        model.addAttribute(
                "errors", Map.of(e.field(), Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + "."));
        return view.get();
    }
}
