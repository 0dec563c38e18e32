package dev.cairn.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles the POST and sends people back here with a reason. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(
            @RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        if (error != null) {
            model.addAttribute(
                    "error",
                    switch (error) {
                        case "locked" ->
                            "Too many failed attempts. This account is locked for a while; try again later.";
                        case "disabled" -> "This account is deactivated.";
                        default -> "E-mail or password is wrong.";
                    });
        } else if (logout != null) {
            model.addAttribute("notice", "You are signed out.");
        }
        return "identity/login";
    }
}
