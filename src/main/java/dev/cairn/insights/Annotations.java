package dev.cairn.insights;

import static dev.cairn.shared.Times.db;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.Sql;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Context on time series: a re-org, a new on-call policy. Admins place them; each change is audited. */
@Service
public class Annotations {

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;

    Annotations(JdbcClient jdbc, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public record Annotation(long id, LocalDate date, String text) {}

    public List<Annotation> between(LocalDate from, LocalDate to) {
        return jdbc.sql("select id, on_date, note from insights_annotations where on_date >= ? and on_date < ?"
                        + " order by on_date, id")
                .params(from, to)
                .query((rs, n) -> new Annotation(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .list();
    }

    @Transactional
    public Annotation create(LocalDate date, String text, Actor actor) {
        Actors.requireAdmin(actor);
        if (date == null) {
            throw new InvalidInputException("date", "is required (yyyy-mm-dd)");
        }
        if (text == null || text.isBlank() || text.strip().length() > 200) {
            throw new InvalidInputException("text", "must be 1 to 200 characters");
        }
        long id = Sql.insert(
                jdbc.sql("insert into insights_annotations (on_date, note, created_by, created_at) values (?, ?, ?, ?)")
                        .params(date, text.strip(), actor.isSystem() ? null : actor.userId(), db(clock.instant())));
        audit.record(actor, "insights.annotation.create", "annotation", id, date + " " + text.strip());
        return new Annotation(id, date, text.strip());
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Actors.requireAdmin(actor);
        int deleted = jdbc.sql("delete from insights_annotations where id = ?")
                .param(id)
                .update();
        if (deleted == 0) {
            throw new NotFoundException("Annotation " + id);
        }
        audit.record(actor, "insights.annotation.delete", "annotation", id, "");
    }
}
