package dev.cairn.escalation.web;

import dev.cairn.escalation.Paging;
import dev.cairn.identity.SecretUrlSecurity;
import dev.cairn.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /ack/{token}}: the one-time link in a page notification. Opening it shows what it will
 * acknowledge and a button; only the POST acknowledges, so a mail scanner that follows links does
 * not stop an escalation nobody saw. No sign-in: the signed, single-use token is the credential.
 */
@Controller
class AckLinkPages {

    private final Paging paging;

    AckLinkPages(Paging paging) {
        this.paging = paging;
    }

    @GetMapping("/ack/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(token, model, response, false);
    }

    @PostMapping("/ack/{token}")
    String acknowledge(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(token, model, response, true);
    }

    private String render(String token, Model model, HttpServletResponse response, boolean act) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            Paging.LinkOutcome outcome = act ? paging.acknowledgeByLink(token) : paging.inspectLink(token);
            model.addAttribute("outcome", outcome);
            model.addAttribute("done", act);
            model.addAttribute("token", token);
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("invalid", true);
        }
        return "escalation/ack";
    }

    @Configuration(proxyBeanMethods = false)
    static class AckSecurity {
        @Bean
        @Order(0)
        SecurityFilterChain ackLinkChain(HttpSecurity http) throws Exception {
            return SecretUrlSecurity.pages(http, "/ack/**");
        }
    }
}
