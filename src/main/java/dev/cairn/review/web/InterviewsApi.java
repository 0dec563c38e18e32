package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.review.Interview;
import dev.cairn.review.InterviewPrompt;
import dev.cairn.review.Interviews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reviews", description = "Reviewer rotation, interviews and surveys")
class InterviewsApi {

    private final Interviews interviews;

    InterviewsApi(Interviews interviews) {
        this.interviews = interviews;
    }

    record Schedule(Long intervieweeId, Instant scheduledAt) {}

    record Change(String status, Instant scheduledAt) {}

    record NoteInput(String body, List<Long> entryIds) {}

    @GetMapping("/review/interview-prompts")
    @Operation(summary = "The cognitive-interview prompts Cairn offers, with why each is asked")
    List<InterviewPrompt> prompts() {
        return InterviewPrompt.ALL;
    }

    /** An incident has a handful of interviews at most: one list, not pages. */
    @GetMapping("/incidents/{id}/review/interviews")
    @Operation(summary = "The incident's interviews with their notes, in scheduled order")
    List<Interview> list(@PathVariable long id) {
        return interviews.list(id, actor());
    }

    @PostMapping("/incidents/{id}/review/interviews")
    @Operation(summary = "Plan an interview with someone who took part (reviewer, commander, admins); they are invited")
    ResponseEntity<Interview> schedule(@PathVariable long id, @RequestBody Schedule body) {
        Interview interview = interviews.schedule(id, body.intervieweeId(), body.scheduledAt(), actor());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + id + "/review/interviews/" + interview.id()))
                .body(interview);
    }

    @GetMapping("/incidents/{id}/review/interviews/{interviewId}")
    Interview get(@PathVariable long id, @PathVariable long interviewId) {
        return interviews.get(id, interviewId, actor());
    }

    @PatchMapping("/incidents/{id}/review/interviews/{interviewId}")
    @Operation(summary = "Change the status (planned, done, cancelled) or the time")
    Interview change(@PathVariable long id, @PathVariable long interviewId, @RequestBody Change body) {
        return interviews.update(id, interviewId, body.status(), body.scheduledAt(), actor());
    }

    @PutMapping("/incidents/{id}/review/interviews/{interviewId}/notes/{prompt}")
    @Operation(summary = "Write the note for one prompt, linked to timeline entries by id (an empty note removes it)")
    Interview note(
            @PathVariable long id,
            @PathVariable long interviewId,
            @PathVariable String prompt,
            @RequestBody NoteInput body) {
        return interviews.note(id, interviewId, prompt, body.body(), body.entryIds(), actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
