package dev.cairn.insights;

import static dev.cairn.shared.Times.db;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one cost model of this Cairn: the documented defaults until an admin edits it (audited). */
@Service
public class CostModels {

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;

    CostModels(JdbcClient jdbc, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public CostModel current() {
        return jdbc.sql("select * from insights_cost_model where id = 1")
                .query((rs, n) -> new CostModel(
                        rs.getString("currency"),
                        plain(rs.getBigDecimal("hourly_rate")),
                        plain(rs.getBigDecimal("weight_commander")),
                        plain(rs.getBigDecimal("weight_comms")),
                        plain(rs.getBigDecimal("weight_participant")),
                        plain(rs.getBigDecimal("weight_observer")),
                        plain(rs.getBigDecimal("sleep_extra")),
                        plain(rs.getBigDecimal("refocus_hours")),
                        CostModel.parseReviewHours(rs.getString("review_hours"))))
                .optional()
                .orElse(CostModel.DEFAULT);
    }

    /** 120.00 reads as 120, and never as 1.2E+2. */
    private static java.math.BigDecimal plain(java.math.BigDecimal value) {
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Transactional
    public CostModel save(CostModel model, Actor actor) {
        Actors.requireAdmin(actor);
        CostModel before = current();
        int updated = jdbc.sql("update insights_cost_model set currency = ?, hourly_rate = ?, weight_commander = ?,"
                        + " weight_comms = ?, weight_participant = ?, weight_observer = ?, sleep_extra = ?,"
                        + " refocus_hours = ?, review_hours = ?, updated_at = ? where id = 1")
                .params(values(model))
                .update();
        if (updated == 0) {
            jdbc.sql("insert into insights_cost_model (currency, hourly_rate, weight_commander, weight_comms,"
                            + " weight_participant, weight_observer, sleep_extra, refocus_hours, review_hours,"
                            + " updated_at, id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")
                    .params(values(model))
                    .update();
        }
        audit.record(actor, "insights.cost-model.update", "cost-model", 1, describe(before) + " -> " + describe(model));
        return current();
    }

    private Object[] values(CostModel m) {
        return new Object[] {
            m.currency(),
            m.hourlyRate(),
            m.weightCommander(),
            m.weightComms(),
            m.weightParticipant(),
            m.weightObserver(),
            m.sleepExtra(),
            m.refocusHours(),
            m.reviewHoursText(),
            db(clock.instant())
        };
    }

    private static String describe(CostModel m) {
        return m.currency() + " rate=" + m.hourlyRate() + " weights=" + m.weightCommander() + "/" + m.weightComms()
                + "/" + m.weightParticipant() + "/" + m.weightObserver() + " sleepExtra=" + m.sleepExtra()
                + " refocus=" + m.refocusHours() + " review=" + m.reviewHoursText();
    }
}
