package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.review.Interview;
import dev.cairn.review.InterviewPrompt;
import dev.cairn.review.Interviews;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The interviews card of the review page (htmx) with a form to schedule one, and the interview page:
 * the prompts with a note and linked moments for each.
 */
@Controller
class InterviewPages {

    private final Interviews interviews;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Users users;

    InterviewPages(Interviews interviews, Incidents incidents, Timeline timeline, Users users) {
        this.interviews = interviews;
        this.incidents = incidents;
        this.timeline = timeline;
        this.users = users;
    }

    @GetMapping("/incidents/{id}/review/interviews")
    String card(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Incident incident = incidents.get(id, me);
        model.addAttribute("incident", incident);
        model.addAttribute("interviews", interviews.list(id, me));
        boolean conduct = interviews.mayConduct(incident, me);
        model.addAttribute("conduct", conduct);
        if (conduct) {
            model.addAttribute("people", interviews.interviewees(incident));
        }
        return "review/interview-card :: card";
    }

    @PostMapping("/incidents/{id}/review/interviews")
    String schedule(
            @PathVariable long id,
            @RequestParam(required = false) Long intervieweeId,
            @RequestParam(required = false) String scheduledAt,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        Interview interview = interviews.schedule(id, intervieweeId, local(scheduledAt, me), me);
        flash.addFlashAttribute(
                "notice", "Planned. " + interview.intervieweeName() + " got an invitation with the time.");
        return "redirect:/incidents/" + id + "/review/interviews/" + interview.id();
    }

    @GetMapping("/incidents/{id}/review/interviews/{interviewId}")
    String page(@PathVariable long id, @PathVariable long interviewId, @AuthenticationPrincipal Actor me, Model model) {
        Incident incident = incidents.get(id, me);
        model.addAttribute("incident", incident);
        model.addAttribute("interview", interviews.get(id, interviewId, me));
        model.addAttribute("prompts", InterviewPrompt.ALL);
        model.addAttribute("conduct", interviews.mayConduct(incident, me));
        List<TimelineEntry> moments = timeline.chronological(id, me).stream()
                .filter(e -> !e.deleted() && (e.written() || e.starred()))
                .toList();
        model.addAttribute("moments", moments);
        model.addAttribute("zone", users.zoneOf(me.userId()));
        return "review/interview";
    }

    @PostMapping("/incidents/{id}/review/interviews/{interviewId}/status")
    String status(
            @PathVariable long id,
            @PathVariable long interviewId,
            @RequestParam String status,
            @AuthenticationPrincipal Actor me) {
        interviews.update(id, interviewId, status, null, me);
        return "redirect:/incidents/" + id + "/review/interviews/" + interviewId;
    }

    /** Moves a planned interview to another time, read in the mover's own zone; both people are told. */
    @PostMapping("/incidents/{id}/review/interviews/{interviewId}/time")
    String move(
            @PathVariable long id,
            @PathVariable long interviewId,
            @RequestParam(required = false) String scheduledAt,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        Interview moved = interviews.update(id, interviewId, null, local(scheduledAt, me), me);
        flash.addFlashAttribute("notice", "Moved. " + moved.intervieweeName() + " was told the new time.");
        return "redirect:/incidents/" + id + "/review/interviews/" + interviewId;
    }

    @PostMapping("/incidents/{id}/review/interviews/{interviewId}/notes/{prompt}")
    String note(
            @PathVariable long id,
            @PathVariable long interviewId,
            @PathVariable String prompt,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) List<Long> entryIds,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        interviews.note(id, interviewId, prompt, body, entryIds, me);
        flash.addFlashAttribute("notice", "Note saved.");
        return "redirect:/incidents/" + id + "/review/interviews/" + interviewId + "#prompt-" + prompt;
    }

    private java.time.Instant local(String value, Actor me) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("scheduledAt", "is required");
        }
        try {
            return LocalDateTime.parse(value).atZone(users.zoneOf(me.userId())).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("scheduledAt", "must be a date and time like 2026-05-04T14:30");
        }
    }
}
