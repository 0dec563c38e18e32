package dev.cairn.review.web;

import dev.cairn.identity.Actors;
import dev.cairn.review.SurveyAnswer;
import dev.cairn.review.SurveyMonth;
import dev.cairn.review.SurveyResults;
import dev.cairn.review.Surveys;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reviews", description = "Reviewer rotation, interviews and surveys")
class SurveysApi {

    private final Surveys surveys;

    SurveysApi(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/incidents/{id}/survey")
    @Operation(
            summary = "The incident's survey in aggregate: response rate always; mean scores and comments (shuffled,"
                    + " without names) from 3 answers. No individual answer is ever returned.")
    SurveyResults results(@PathVariable long id) {
        return surveys.results(id, Actors.current().orElseThrow());
    }

    @PostMapping("/incidents/{id}/survey")
    @Operation(summary = "Answer the incident's survey as the token's owner (once; they must have been invited)")
    ResponseEntity<Void> answer(@PathVariable long id, @RequestBody SurveyAnswer answer) {
        surveys.answerAs(id, Actors.current().orElseThrow(), answer);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/surveys/{token}")
    @Operation(
            summary = "Answer a survey through the link sent to a participant (no sign-in: the link's secret is the"
                    + " credential); once per link")
    ResponseEntity<Void> answerByLink(@PathVariable String token, @RequestBody SurveyAnswer answer) {
        surveys.answer(token, answer);
        return ResponseEntity.noContent().build();
    }

    /** At most 36 months, one row each: a short list, not pages. */
    @GetMapping("/survey-trends")
    @Operation(summary = "Response rate and mean scores by month across incidents (private incidents left out)")
    List<SurveyMonth> trends(@RequestParam(defaultValue = "12") int months) {
        if (months < 1 || months > 36) {
            throw new InvalidInputException("months", "must be from 1 to 36");
        }
        return surveys.byMonth(months);
    }
}
