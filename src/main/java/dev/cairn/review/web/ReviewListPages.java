package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.review.ReadFigures;
import dev.cairn.review.ReviewDepth;
import dev.cairn.review.ReviewPolicies;
import dev.cairn.review.ReviewReads;
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

    ReviewListPages(ReviewReads reads, ReviewPolicies policies) {
        this.reads = reads;
        this.policies = policies;
    }

    @GetMapping("/reviews")
    String list(@AuthenticationPrincipal Actor me, Model model) {
        List<ReadFigures.Day> days = reads.overTime(me, 90);
        model.addAttribute("reviews", reads.overview(me, 200));
        model.addAttribute("days", days);
        model.addAttribute(
                "daysJson",
                JSON.writeValueAsString(days.stream()
                        .map(d -> Map.of("day", d.day().toString(), "opens", d.opens(), "readers", d.readers()))
                        .toList()));
        model.addAttribute("policies", policies.all());
        model.addAttribute("depths", ReviewDepth.values());
        return "review/list";
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
