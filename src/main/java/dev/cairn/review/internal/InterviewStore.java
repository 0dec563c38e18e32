package dev.cairn.review.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Interviews and their notes per prompt. */
@Repository
public class InterviewStore {

    private final JdbcClient jdbc;

    InterviewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(
            long id,
            long incidentId,
            long intervieweeId,
            Long interviewerId,
            Instant scheduledAt,
            String status,
            Instant createdAt) {}

    public record NoteRow(long interviewId, String prompt, String body, List<Long> entryIds, Instant updatedAt) {}

    public long insert(long incidentId, long intervieweeId, Long interviewerId, Instant at, Instant now) {
        return Sql.insert(jdbc.sql("insert into review_interviews (incident_id, interviewee_id, interviewer_id,"
                        + " scheduled_at, status, created_at) values (?, ?, ?, ?, 'planned', ?)")
                .params(incidentId, intervieweeId, interviewerId, db(at), db(now)));
    }

    public List<Row> byIncident(long incidentId) {
        return jdbc.sql("select * from review_interviews where incident_id = ? order by scheduled_at, id")
                .param(incidentId)
                .query(this::row)
                .list();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select * from review_interviews where id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    public void update(long id, String status, Instant scheduledAt) {
        jdbc.sql("update review_interviews set status = ?, scheduled_at = ? where id = ?")
                .params(status, db(scheduledAt), id)
                .update();
    }

    /**
     * Claims the reminder for the interview's current time: only while it is planned and was not
     * reminded for that time, so two nodes or a revived execution remind once, and an interview moved
     * to another time is reminded again. True when this call claimed it.
     */
    public boolean claimReminder(long id) {
        return jdbc.sql("update review_interviews set reminded_for = scheduled_at where id = ? and status = 'planned'"
                                + " and (reminded_for is null or reminded_for <> scheduled_at)")
                        .param(id)
                        .update()
                > 0;
    }

    /** Writes the note of one prompt (replacing it), or removes it when the body is empty. */
    public void saveNote(long interviewId, String prompt, String body, List<Long> entryIds, Instant now) {
        jdbc.sql("delete from review_interview_notes where interview_id = ? and prompt = ?")
                .params(interviewId, prompt)
                .update();
        if (body.isEmpty() && entryIds.isEmpty()) {
            return;
        }
        jdbc.sql("insert into review_interview_notes (interview_id, prompt, body, entry_ids, updated_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(
                        interviewId,
                        prompt,
                        body,
                        entryIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        db(now))
                .update();
    }

    public Map<Long, List<NoteRow>> notes(Collection<Long> interviewIds) {
        Map<Long, List<NoteRow>> byInterview = new HashMap<>();
        if (interviewIds.isEmpty()) {
            return byInterview;
        }
        jdbc.sql("select * from review_interview_notes where interview_id in (:ids)")
                .param("ids", interviewIds)
                .query((rs, n) -> new NoteRow(
                        rs.getLong("interview_id"),
                        rs.getString("prompt"),
                        rs.getString("body"),
                        rs.getString("entry_ids").isEmpty()
                                ? List.of()
                                : Arrays.stream(rs.getString("entry_ids").split(","))
                                        .map(Long::valueOf)
                                        .toList(),
                        Times.instant(rs, "updated_at")))
                .list()
                .forEach(note -> byInterview
                        .computeIfAbsent(note.interviewId(), k -> new java.util.ArrayList<>())
                        .add(note));
        return byInterview;
    }

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                rs.getLong("interviewee_id"),
                rs.getObject("interviewer_id", Long.class),
                Times.instant(rs, "scheduled_at"),
                rs.getString("status"),
                Times.instant(rs, "created_at"));
    }
}
