package dev.cairn.review;

import java.time.Instant;
import java.util.List;

/** A conversation the reviewer holds with someone who was in the incident, with notes per prompt. */
public record Interview(
        long id,
        long incidentId,
        long intervieweeId,
        String intervieweeName,
        Long interviewerId,
        String interviewerName,
        Instant scheduledAt,
        InterviewStatus status,
        List<Note> notes) {

    /** What was said to one prompt, linked to moments on the timeline by entry id. */
    public record Note(String prompt, String body, List<Long> entryIds, Instant updatedAt) {}

    public java.util.Optional<Note> note(String prompt) {
        return notes.stream().filter(n -> n.prompt().equals(prompt)).findFirst();
    }
}
