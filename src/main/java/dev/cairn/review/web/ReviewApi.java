package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Teams;
import dev.cairn.incident.Severities;
import dev.cairn.review.Highlight;
import dev.cairn.review.HighlightInput;
import dev.cairn.review.ReadFigures;
import dev.cairn.review.Review;
import dev.cairn.review.ReviewComment;
import dev.cairn.review.ReviewDepth;
import dev.cairn.review.ReviewExports;
import dev.cairn.review.ReviewPolicies;
import dev.cairn.review.ReviewPolicy;
import dev.cairn.review.ReviewReads;
import dev.cairn.review.ReviewSections;
import dev.cairn.review.ReviewState;
import dev.cairn.review.ReviewWorkflow;
import dev.cairn.review.Reviews;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reviews", description = "Incident reviews: sections, highlights and phases, states, exports, reads")
class ReviewApi {

    private final Reviews reviews;
    private final ReviewWorkflow workflow;
    private final ReviewReads reads;
    private final ReviewExports exports;
    private final ReviewPolicies policies;
    private final Severities severities;
    private final Teams teams;

    ReviewApi(
            Reviews reviews,
            ReviewWorkflow workflow,
            ReviewReads reads,
            ReviewExports exports,
            ReviewPolicies policies,
            Severities severities,
            Teams teams) {
        this.severities = severities;
        this.teams = teams;
        this.reviews = reviews;
        this.workflow = workflow;
        this.reads = reads;
        this.exports = exports;
        this.policies = policies;
    }

    /** A change to a review: sections (null: unchanged) and, optionally, a new state. */
    record ReviewRequest(
            String narrative,
            String whatHappened,
            String learned,
            String hypothesis,
            String surprises,
            List<String> customPhases,
            String state) {}

    record CommentRequest(String target, String kind, String body, Long addresseeId) {}

    record PolicyRequest(String depth, Boolean required) {}

    record ReopenRequest(String reason) {}

    @GetMapping("/reviews")
    @Operation(
            summary = "Reviews you may see, newest incident first, with reader counts",
            description = "Filters: state (draft, in_review, published), severity (a severity code), team (a team id:"
                    + " incidents touching its services). Paginated: pass nextCursor back as cursor; limit 1-200.")
    CursorPage<ReviewReads.Listed> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) Long team,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return reads.page(
                me(),
                ReviewListPages.filter(state, severity, team, severities, teams),
                cursor,
                CursorPage.limit(limit));
    }

    @GetMapping("/incidents/{id}/review")
    @Operation(
            summary = "An incident's review",
            description = "An unstarted review answers a draft of the depth its policy asks for (createdAt null).")
    Review get(@PathVariable long id) {
        return reviews.get(id, me());
    }

    @PutMapping("/incidents/{id}/review")
    @Operation(
            summary = "Write the review (responders, admins)",
            description = "Sections in Markdown: narrative, whatHappened (what happened and why it made sense at the"
                    + " time), learned, and for drills hypothesis and surprises; customPhases replaces the review's"
                    + " own phases beside detection, diagnosis, repair; state moves draft ↔ in_review (publish with"
                    + " POST .../publish). A published review is final (409).")
    Review put(@PathVariable long id, @RequestBody ReviewRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        Review review = reviews.update(
                id,
                new ReviewSections(
                        request.narrative(),
                        request.whatHappened(),
                        request.learned(),
                        request.hypothesis(),
                        request.surprises(),
                        request.customPhases()),
                me());
        if (request.state() != null) {
            ReviewState target = ReviewState.parse(request.state());
            if (target == ReviewState.PUBLISHED) {
                throw new InvalidInputException(
                        "state", "publish with POST /api/v1/incidents/" + id + "/review/publish");
            }
            review = workflow.move(id, target, me());
        }
        return review;
    }

    @PostMapping("/incidents/{id}/review/publish")
    @Operation(
            summary = "Publish the review",
            description = "From in_review only. Notifies participants and followers and records it on the timeline.")
    Review publish(@PathVariable long id) {
        return workflow.publish(id, me());
    }

    @PostMapping("/incidents/{id}/review/reopen")
    @Operation(
            summary = "Reopen a published review to amend it (its reviewer or an admin)",
            description = "Body {\"reason\": \"...\"} (required). The review goes back to in_review, the reason is"
                    + " audited and recorded on the incident's timeline; publish it again when amended.")
    Review reopen(@PathVariable long id, @RequestBody(required = false) ReopenRequest request) {
        return workflow.reopen(id, request == null ? null : request.reason(), me());
    }

    @GetMapping("/incidents/{id}/review/highlights")
    @Operation(summary = "Highlighted entries in time order, with key-moment flag, phases and notes")
    List<Highlight> highlights(@PathVariable long id) {
        return reviews.highlights(id, me());
    }

    @PostMapping("/incidents/{id}/review/highlights")
    @Operation(
            summary = "Highlight entries and tag them with phases",
            description = "entryIds: one or more timeline entries; keyMoment (default true for new ones); phases:"
                    + " any of detection, diagnosis, repair and the review's custom phases (replaces the entries'"
                    + " phases; omit to keep them); note. Answers every highlight of the review.")
    List<Highlight> mark(@PathVariable long id, @RequestBody HighlightInput input) {
        return reviews.mark(id, input, me());
    }

    @DeleteMapping("/incidents/{id}/review/highlights/{highlightId}")
    ResponseEntity<Void> unmark(@PathVariable long id, @PathVariable long highlightId) {
        reviews.unmark(id, List.of(highlightId), me());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/incidents/{id}/review/comments")
    List<ReviewComment> comments(@PathVariable long id) {
        return reviews.comments(id, me());
    }

    @PostMapping("/incidents/{id}/review/comments")
    @Operation(
            summary = "Comment on a part of the review, or ask someone a question",
            description = "target: section:<name>, highlight:<id> or entry:<id>; kind comment, note or question;"
                    + " a question needs addresseeId, who is notified.")
    ReviewComment comment(@PathVariable long id, @RequestBody CommentRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return workflow.comment(id, request.target(), request.kind(), request.body(), request.addresseeId(), me());
    }

    @GetMapping("/incidents/{id}/review/reads")
    @Operation(summary = "Who read the review, how far (percent) and how long; readers per team and per day")
    ReadFigures reads(@PathVariable long id) {
        return reads.figures(id, me());
    }

    @GetMapping(value = "/incidents/{id}/review.md", produces = "text/markdown")
    @Operation(summary = "The review as Markdown")
    ResponseEntity<String> markdown(@PathVariable long id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"INC-" + id + "-review.md\"")
                .contentType(new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8))
                .body(exports.markdown(id, me()));
    }

    @GetMapping(value = "/incidents/{id}/review.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The review as PDF")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"INC-" + id + "-review.pdf\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(exports.pdf(id, me()));
    }

    @GetMapping("/incidents/{id}/review/export")
    @Operation(summary = "The review as ?format=md or ?format=pdf")
    ResponseEntity<?> export(@PathVariable long id, @RequestParam(defaultValue = "md") String format) {
        return switch (format) {
            case "md", "markdown" -> markdown(id);
            case "pdf" -> pdf(id);
            default -> throw new InvalidInputException("format", "must be one of md, pdf");
        };
    }

    @GetMapping("/review-policies")
    @Operation(summary = "Which review each severity (and drills) needs, and whether closing waits for it")
    List<ReviewPolicy> policies() {
        return policies.all();
    }

    @PutMapping("/review-policies/{rule}")
    @Operation(
            summary = "Change a review policy rule (admins, audited)",
            description = "rule: a severity code or drill; depth full, light, optional or game_day; required: the"
                    + " incident cannot be closed before its review is published.")
    ReviewPolicy policy(@PathVariable String rule, @RequestBody PolicyRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return policies.update(
                rule, request.depth() == null ? null : ReviewDepth.parse(request.depth()), request.required(), me());
    }

    private static Actor me() {
        return Actors.current().orElseThrow();
    }
}
