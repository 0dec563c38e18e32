package dev.cairn.review.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Survey invitations (who was asked, and only whether they answered) and the answers, which carry
 * no person: a random id, the incident and the month. Nothing here joins the two.
 */
@Repository
public class SurveyStore {

    private final JdbcClient jdbc;

    SurveyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Invitation(long incidentId, long userId, Instant invitedAt, boolean responded) {}

    /** One answer, as stored: no person, no time. */
    public record AnswerRow(
            long incidentId,
            String month,
            int coordination,
            int communication,
            int feelingDuring,
            int feelingAfter,
            BigDecimal hours,
            String freeText) {}

    /** True when the person was not invited to this incident's survey before. */
    public boolean invite(long incidentId, long userId, String tokenHash, Instant now) {
        return jdbc.sql("insert into survey_invitations (incident_id, user_id, token_hash, invited_at)"
                                + " values (?, ?, ?, ?) on conflict do nothing")
                        .params(incidentId, userId, tokenHash, db(now))
                        .update()
                > 0;
    }

    public Optional<Invitation> byToken(String tokenHash) {
        return jdbc.sql("select * from survey_invitations where token_hash = ?")
                .param(tokenHash)
                .query(this::invitation)
                .optional();
    }

    public Optional<Invitation> invitation(long incidentId, long userId) {
        return jdbc.sql("select * from survey_invitations where incident_id = ? and user_id = ?")
                .params(incidentId, userId)
                .query(this::invitation)
                .optional();
    }

    /**
     * Marks the invitation answered unless it was already: the conditional update is what makes a
     * second answer (or two at once) impossible. True when this call marked it.
     */
    public boolean markResponded(long incidentId, long userId) {
        return jdbc.sql("update survey_invitations set responded = true"
                                + " where incident_id = ? and user_id = ? and not responded")
                        .params(incidentId, userId)
                        .update()
                > 0;
    }

    /**
     * Claims the person's one reminder and gives them a new link in the same conditional update:
     * only while they have not answered and were not reminded, so of two nodes, a revived execution
     * or an answer arriving at the same moment, one wins. The old link stops working. True when this
     * call claimed it.
     */
    public boolean claimReminder(long incidentId, long userId, String newTokenHash) {
        return jdbc.sql("update survey_invitations set reminded = true, token_hash = ?"
                                + " where incident_id = ? and user_id = ? and not responded and not reminded")
                        .params(newTokenHash, incidentId, userId)
                        .update()
                > 0;
    }

    public void insertAnswer(AnswerRow answer) {
        jdbc.sql(
                        "insert into survey_answers (id, incident_id, answer_month, coordination, communication, feeling_during,"
                                + " feeling_after, hours, free_text) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID().toString(),
                        answer.incidentId(),
                        answer.month(),
                        answer.coordination(),
                        answer.communication(),
                        answer.feelingDuring(),
                        answer.feelingAfter(),
                        answer.hours(),
                        answer.freeText())
                .update();
    }

    public List<Invitation> invitations(long incidentId) {
        return jdbc.sql("select * from survey_invitations where incident_id = ?")
                .param(incidentId)
                .query(this::invitation)
                .list();
    }

    public List<AnswerRow> answers(long incidentId) {
        return jdbc.sql("select * from survey_answers where incident_id = ?")
                .param(incidentId)
                .query(this::answer)
                .list();
    }

    /** Every invitation since {@code from}, for trends across incidents. */
    public List<Invitation> invitationsSince(Instant from) {
        return jdbc.sql("select * from survey_invitations where invited_at >= ?")
                .param(db(from))
                .query(this::invitation)
                .list();
    }

    public List<AnswerRow> answersOf(List<String> months) {
        if (months.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from survey_answers where answer_month in (:months)")
                .param("months", months)
                .query(this::answer)
                .list();
    }

    private Invitation invitation(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Invitation(
                rs.getLong("incident_id"),
                rs.getLong("user_id"),
                Times.instant(rs, "invited_at"),
                rs.getBoolean("responded"));
    }

    private AnswerRow answer(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AnswerRow(
                rs.getLong("incident_id"),
                rs.getString("answer_month"),
                rs.getInt("coordination"),
                rs.getInt("communication"),
                rs.getInt("feeling_during"),
                rs.getInt("feeling_after"),
                rs.getBigDecimal("hours"),
                rs.getString("free_text"));
    }
}
