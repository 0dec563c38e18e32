package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.review.SurveyAnswer;
import dev.cairn.review.Surveys;
import dev.cairn.shared.InvalidInputException;
import java.math.BigDecimal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Survey results: the incident's card (htmx) and page, where an invited participant who has not
 * answered can answer signed in, and {@code /reviews/surveys}, response rates and scores by month.
 */
@Controller
class SurveyPages {

    private final Surveys surveys;
    private final Incidents incidents;

    SurveyPages(Surveys surveys, Incidents incidents) {
        this.surveys = surveys;
        this.incidents = incidents;
    }

    @GetMapping("/incidents/{id}/survey/card")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        fill(id, me, model);
        return "review/survey-card :: card";
    }

    @GetMapping("/incidents/{id}/survey")
    String page(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        fill(id, me, model);
        model.addAttribute("action", "/incidents/" + id + "/survey");
        return "review/survey-results";
    }

    @PostMapping("/incidents/{id}/survey")
    String answer(
            @PathVariable long id,
            @RequestParam(required = false) Integer coordination,
            @RequestParam(required = false) Integer communication,
            @RequestParam(required = false) Integer feelingDuring,
            @RequestParam(required = false) Integer feelingAfter,
            @RequestParam(required = false) BigDecimal hours,
            @RequestParam(required = false) String freeText,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        try {
            surveys.answerAs(
                    id,
                    me,
                    new SurveyAnswer(coordination, communication, feelingDuring, feelingAfter, hours, freeText));
            flash.addFlashAttribute("notice", "Thank you. Your answer is stored without your name.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", explain(e));
        }
        return "redirect:/incidents/" + id + "/survey";
    }

    @GetMapping("/reviews/surveys")
    String trends(Model model) {
        model.addAttribute("months", surveys.byMonth(12));
        model.addAttribute("minAnswers", Surveys.MIN_ANSWERS);
        return "review/surveys";
    }

    private void fill(long id, Actor me, Model model) {
        model.addAttribute("incident", incidents.get(id, me));
        model.addAttribute("results", surveys.results(id, me));
        model.addAttribute("pending", surveys.pending(id, me.userId()));
    }

    static String explain(InvalidInputException e) {
        String field = switch (e.field()) {
            case "coordination" -> "How well coordination worked";
            case "communication" -> "How well communication worked";
            case "feelingDuring" -> "How you felt during the incident";
            case "feelingAfter" -> "How you feel now";
            case "hours" -> "Hours spent";
            default -> "Your comment";
        };
        return field + ": " + e.getMessage() + ".";
    }
}
