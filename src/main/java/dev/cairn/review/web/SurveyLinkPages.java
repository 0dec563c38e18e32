package dev.cairn.review.web;

import dev.cairn.identity.SecretUrlSecurity;
import dev.cairn.review.SurveyAnswer;
import dev.cairn.review.SurveyInvite;
import dev.cairn.review.Surveys;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /survey/{token}}: the link in the survey notification. The random secret in it is the
 * credential, so a participant answers from their phone in one go without signing in; the same
 * answer can be posted as JSON to {@code /api/v1/surveys/{token}}. Each link answers once.
 */
@Controller
class SurveyLinkPages {

    private final Surveys surveys;

    SurveyLinkPages(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/survey/{token}")
    String form(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("done", false);
        model.addAttribute("already", false);
        model.addAttribute("invalid", false);
        try {
            SurveyInvite invite = surveys.inspect(token);
            model.addAttribute("invite", invite);
            model.addAttribute("action", "/survey/" + token);
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("invalid", true);
        }
        return "review/survey";
    }

    @PostMapping("/survey/{token}")
    String submit(
            @PathVariable String token,
            @RequestParam(required = false) Integer coordination,
            @RequestParam(required = false) Integer communication,
            @RequestParam(required = false) Integer feelingDuring,
            @RequestParam(required = false) Integer feelingAfter,
            @RequestParam(required = false) BigDecimal hours,
            @RequestParam(required = false) String freeText,
            Model model,
            HttpServletResponse response) {
        noStore(response);
        model.addAttribute("done", false);
        model.addAttribute("already", false);
        model.addAttribute("invalid", false);
        try {
            SurveyInvite invite = surveys.inspect(token);
            model.addAttribute("invite", invite);
            model.addAttribute("action", "/survey/" + token);
            surveys.answer(
                    token, new SurveyAnswer(coordination, communication, feelingDuring, feelingAfter, hours, freeText));
            model.addAttribute("done", true);
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("invalid", true);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("error", SurveyPages.explain(e));
            model.addAttribute("freeText", freeText);
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("already", true);
        }
        return "review/survey";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    @Configuration(proxyBeanMethods = false)
    static class SurveyLinkSecurity {
        @Bean
        @Order(0)
        SecurityFilterChain surveyLinkChain(HttpSecurity http) throws Exception {
            return SecretUrlSecurity.pages(http, "/survey/**", "/api/v1/surveys/**");
        }
    }
}
