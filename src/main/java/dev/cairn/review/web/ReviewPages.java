package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.Incidents;
import dev.cairn.review.Highlight;
import dev.cairn.review.HighlightInput;
import dev.cairn.review.Review;
import dev.cairn.review.ReviewComment;
import dev.cairn.review.ReviewExports;
import dev.cairn.review.ReviewReads;
import dev.cairn.review.ReviewSections;
import dev.cairn.review.ReviewState;
import dev.cairn.review.ReviewWorkflow;
import dev.cairn.review.Reviews;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.Markdown;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The review workspace: the transcript in chunks (the first one with the page, the next ones as the
 * reader scrolls), selecting entries to highlight, tag, annotate or ask about, the narrative with
 * its chart, the sections, comments and states; and the page people read once it is published.
 */
@Controller
class ReviewPages {

    /** Entries per chunk of the transcript: the page stays fast whatever the transcript's length. */
    static final int CHUNK = 200;

    private final Reviews reviews;
    private final ReviewWorkflow workflow;
    private final ReviewReads reads;
    private final ReviewExports exports;
    private final Incidents incidents;
    private final IncidentPeople people;
    private final Timeline timeline;

    ReviewPages(
            Reviews reviews,
            ReviewWorkflow workflow,
            ReviewReads reads,
            ReviewExports exports,
            Incidents incidents,
            IncidentPeople people,
            Timeline timeline) {
        this.reviews = reviews;
        this.workflow = workflow;
        this.reads = reads;
        this.exports = exports;
        this.incidents = incidents;
        this.people = people;
        this.timeline = timeline;
    }

    @GetMapping("/incidents/{id}/review")
    String workspace(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Incident incident = incidents.get(id, me);
        Review review = reviews.get(id, me);
        List<Highlight> highlights = reviews.highlights(id, me);
        List<ReviewComment> comments = reviews.comments(id, me);
        model.addAttribute("incident", incident);
        model.addAttribute("review", review);
        model.addAttribute("total", timeline.count(id, me));
        chunk(id, 0, me, highlights, model);
        side(highlights, comments, model);
        model.addAttribute("participants", people.participants(id, me));
        model.addAttribute("chart", NarrativeChart.of(incident, highlights, people.participants(id, me)));
        model.addAttribute("parts", ReviewParts.of(review));
        model.addAttribute("figures", review.published() ? reads.figures(id, me) : null);
        return "review/workspace";
    }

    @GetMapping("/incidents/{id}/review/entries")
    String entries(@PathVariable long id, @RequestParam long after, @AuthenticationPrincipal Actor me, Model model) {
        incidents.get(id, me);
        model.addAttribute("incident", incidents.get(id, me));
        model.addAttribute("review", reviews.get(id, me));
        chunk(id, after, me, reviews.highlights(id, me), model);
        return "review/entries :: chunk";
    }

    @PostMapping("/incidents/{id}/review/mark")
    String mark(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam(name = "entryIds", required = false) List<Long> entryIds,
            @RequestParam(name = "do") String action,
            @RequestParam(name = "phases", required = false) List<String> phases,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) Long addresseeId,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        List<Long> ids = entryIds == null ? List.of() : entryIds;
        try {
            switch (action) {
                case "key" -> reviews.mark(id, new HighlightInput(ids, true, null, null), me);
                case "phases" ->
                    reviews.mark(id, new HighlightInput(ids, null, phases == null ? List.of() : phases, null), me);
                case "note" -> {
                    reviews.mark(id, new HighlightInput(ids, null, null, note), me);
                    for (Long entryId : ids) {
                        workflow.comment(id, "entry:" + entryId, ReviewComment.NOTE, note, null, me);
                    }
                }
                case "question" -> {
                    if (ids.isEmpty()) {
                        throw new InvalidInputException("entryIds", "select the entries the question is about");
                    }
                    for (Long entryId : ids) {
                        workflow.comment(id, "entry:" + entryId, ReviewComment.QUESTION, note, addresseeId, me);
                    }
                }
                case "unmark" -> {
                    Map<Long, Long> byEntry = reviews.highlights(id, me).stream()
                            .collect(Collectors.toMap(Highlight::entryId, Highlight::id));
                    reviews.unmark(
                            id,
                            ids.stream()
                                    .filter(byEntry::containsKey)
                                    .map(byEntry::get)
                                    .toList(),
                            me);
                }
                default -> throw new InvalidInputException("do", "must be one of key, phases, note, question, unmark");
            }
        } catch (InvalidInputException e) {
            if (htmx == null) {
                throw e;
            }
            response.setStatus(200);
            model.addAttribute("error", e.field() + ": " + e.getMessage());
        }
        if (htmx == null) {
            return "redirect:/incidents/" + id + "/review";
        }
        List<Highlight> highlights = reviews.highlights(id, me);
        side(highlights, reviews.comments(id, me), model);
        model.addAttribute("incident", incidents.get(id, me));
        model.addAttribute("review", reviews.get(id, me));
        List<TimelineEntry> changed = timeline.entries(id, ids, me);
        model.addAttribute("entries", changed);
        model.addAttribute("highlightOf", byEntry(highlights));
        return "review/entries :: marked";
    }

    @GetMapping("/incidents/{id}/review/story")
    String story(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("text", reviews.draftStory(id, me));
        return "review/entries :: story";
    }

    @PostMapping("/incidents/{id}/review/sections")
    String sections(@PathVariable long id, @AuthenticationPrincipal Actor me, @RequestParam Map<String, String> form) {
        String custom = form.get("customPhases");
        reviews.update(
                id,
                new ReviewSections(
                        form.get("narrative"),
                        form.get("whatHappened"),
                        form.get("learned"),
                        form.get("hypothesis"),
                        form.get("surprises"),
                        custom == null
                                ? null
                                : Arrays.stream(custom.split(","))
                                        .map(String::strip)
                                        .filter(s -> !s.isEmpty())
                                        .toList()),
                me);
        return "redirect:/incidents/" + id + "/review#sections";
    }

    @PostMapping("/incidents/{id}/review/state")
    String state(@PathVariable long id, @AuthenticationPrincipal Actor me, @RequestParam String state) {
        workflow.move(id, ReviewState.parse(state), me);
        return "redirect:/incidents/" + id + "/review";
    }

    @PostMapping("/incidents/{id}/review/reopen")
    String reopen(
            @PathVariable long id, @AuthenticationPrincipal Actor me, @RequestParam(required = false) String reason) {
        workflow.reopen(id, reason, me);
        return "redirect:/incidents/" + id + "/review";
    }

    @PostMapping("/incidents/{id}/review/comments")
    String comment(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam String target,
            @RequestParam String body) {
        workflow.comment(id, target, ReviewComment.COMMENT, body, null, me);
        return "redirect:/incidents/" + id + "/review#comments";
    }

    @GetMapping("/incidents/{id}/review/read")
    String read(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Incident incident = incidents.get(id, me);
        Review review = reviews.get(id, me);
        model.addAttribute("incident", incident);
        model.addAttribute("review", review);
        model.addAttribute("parts", ReviewParts.of(review));
        model.addAttribute("highlights", reviews.highlights(id, me));
        model.addAttribute("readId", reads.opened(id, me).orElse(null));
        model.addAttribute("figures", reads.figures(id, me));
        model.addAttribute(
                "chart", NarrativeChart.of(incident, reviews.highlights(id, me), people.participants(id, me)));
        return "review/read";
    }

    @PostMapping("/incidents/{id}/review/reads/{readId}")
    @ResponseBody
    String progress(
            @PathVariable long id,
            @PathVariable long readId,
            @RequestParam int depth,
            @RequestParam int seconds,
            @AuthenticationPrincipal Actor me,
            HttpServletResponse response) {
        reads.progress(id, readId, depth, seconds, me);
        response.setStatus(204);
        return "";
    }

    @GetMapping("/incidents/{id}/review/reads")
    String readsCard(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("figures", reads.figures(id, me));
        return "review/entries :: reads";
    }

    @GetMapping(value = "/incidents/{id}/review/export.md", produces = "text/markdown;charset=UTF-8")
    @ResponseBody
    String markdown(@PathVariable long id, @AuthenticationPrincipal Actor me, HttpServletResponse response) {
        response.setHeader("Content-Disposition", "attachment; filename=\"INC-" + id + "-review.md\"");
        return exports.markdown(id, me);
    }

    @GetMapping(value = "/incidents/{id}/review/export.pdf", produces = "application/pdf")
    @ResponseBody
    byte[] pdf(@PathVariable long id, @AuthenticationPrincipal Actor me, HttpServletResponse response) {
        response.setHeader("Content-Disposition", "attachment; filename=\"INC-" + id + "-review.pdf\"");
        return exports.pdf(id, me);
    }

    private void chunk(long id, long after, Actor me, List<Highlight> highlights, Model model) {
        List<TimelineEntry> entries = timeline.chronologicalAfter(id, after, CHUNK, me);
        model.addAttribute("entries", entries);
        model.addAttribute("highlightOf", byEntry(highlights));
        model.addAttribute(
                "nextAfter", entries.size() == CHUNK ? entries.getLast().id() : null);
    }

    private static void side(List<Highlight> highlights, List<ReviewComment> comments, Model model) {
        model.addAttribute("highlights", highlights);
        model.addAttribute("comments", comments);
        model.addAttribute("commentsByTarget", comments.stream().collect(Collectors.groupingBy(ReviewComment::target)));
    }

    private static Map<Long, Highlight> byEntry(List<Highlight> highlights) {
        return highlights.stream().collect(Collectors.toMap(Highlight::entryId, Function.identity()));
    }

    /** Markdown rendered safely, for templates. */
    static String html(String markdown) {
        return Markdown.toHtml(markdown);
    }
}
