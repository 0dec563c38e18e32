package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.incident.Severities;
import dev.cairn.review.ReviewDepth;
import dev.cairn.review.ReviewPolicies;
import dev.cairn.review.ReviewReads;
import dev.cairn.review.ReviewState;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** Every review the reader may see with its reader count and reads over time; the policy (admins). */
@Controller
class ReviewListPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReviewReads reads;
    private final ReviewPolicies policies;
    private final Severities severities;
    private final Teams teams;

    ReviewListPages(ReviewReads reads, ReviewPolicies policies, Severities severities, Teams teams) {
        this.reads = reads;
        this.policies = policies;
        this.severities = severities;
        this.teams = teams;
    }

    @GetMapping("/reviews")
    String list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) Long team,
            @RequestParam(required = false) String cursor,
            Model model) {
        ReviewReads.ListFilter filter = filter(state, severity, team, severities, teams);
        var page = reads.page(me, filter, cursor, CursorPage.DEFAULT_LIMIT);
        List<ReviewReads.TeamWeek> weeks = reads.teamsOverTime(me, filter, 90);
        model.addAttribute("reviews", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", state != null && !state.isBlank() || filter.severity() != null || team != null);
        model.addAttribute("states", ReviewState.values());
        model.addAttribute("severities", severities.all());
        model.addAttribute("teams", teams.all());
        model.addAttribute("weeks", weeks);
        model.addAttribute(
                "weeksJson",
                JSON.writeValueAsString(weeks.stream()
                        .map(w -> Map.of("team", w.team(), "week", w.week().toString(), "readers", w.readers()))
                        .toList()));
        model.addAttribute("policies", policies.all());
        model.addAttribute("depths", ReviewDepth.values());
        return "review/list";
    }

    /** The filters of the list of reviews, checked: unknown values are a 400 naming the field. */
    static ReviewReads.ListFilter filter(String state, String severity, Long team, Severities severities, Teams teams) {
        ReviewState s = state == null || state.isBlank() ? null : ReviewState.parse(state);
        String sev = severity == null || severity.isBlank() ? null : severity.strip();
        if (sev != null && severities.all().stream().noneMatch(v -> v.code().equals(sev))) {
            throw new InvalidInputException(
                    "severity",
                    "must be one of "
                            + String.join(
                                    ", ",
                                    severities.all().stream().map(v -> v.code()).toList()));
        }
        if (team != null && teams.find(team).isEmpty()) {
            throw new InvalidInputException("team", "is not a team");
        }
        return new ReviewReads.ListFilter(s, sev, team);
    }

    @PostMapping("/admin/review-policies/{rule}")
    String policy(
            @PathVariable String rule,
            @RequestParam String depth,
            @RequestParam(required = false) String required,
            @AuthenticationPrincipal Actor me) {
        if (depth.isBlank()) {
            throw new InvalidInputException("depth", "is required");
        }
        policies.update(rule, ReviewDepth.parse(depth), required != null, me);
        return "redirect:/reviews#policy";
    }
}
