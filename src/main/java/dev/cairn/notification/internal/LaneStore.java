package dev.cairn.notification.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The next free slot of each rate lane, taken with a compare-and-set so two nodes never share one. */
@Repository
public class LaneStore {

    private final JdbcClient jdbc;

    LaneStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the lane's slot now and moves the next one {@code paceMillis} later; or answers when to
     * come back (the lane is busy, or Slack asked it to wait).
     */
    public Optional<Instant> take(String lane, int paceMillis, Instant now) {
        jdbc.sql("insert into notification_lanes (lane, next_at, version) values (?, ?, 0) on conflict do nothing")
                .params(lane, db(now))
                .update();
        record Slot(Instant nextAt, long version) {}
        Slot slot = jdbc.sql("select next_at, version from notification_lanes where lane = ?")
                .param(lane)
                .query((rs, n) -> new Slot(Times.instant(rs, "next_at"), rs.getLong("version")))
                .single();
        if (slot.nextAt().isAfter(now)) {
            return Optional.of(slot.nextAt());
        }
        int taken = jdbc.sql("update notification_lanes set next_at = ?, version = version + 1"
                        + " where lane = ? and version = ?")
                .params(db(now.plusMillis(paceMillis)), lane, slot.version())
                .update();
        return taken == 1 ? Optional.empty() : Optional.of(now.plusMillis(Math.min(paceMillis, 200)));
    }

    /** Slack answered 429: nothing more in this lane before {@code until}. */
    public void holdUntil(String lane, Instant until) {
        jdbc.sql("update notification_lanes set next_at = ?, version = version + 1 where lane = ? and next_at < ?")
                .params(db(until), lane, db(until))
                .update();
    }

    /** The earliest open delivery of an ordered lane before {@code id}: its due time, if any. */
    public Optional<Instant> earlierOpen(String lane, long id) {
        return jdbc.sql("select due_at from notification_deliveries where lane = ? and status in ('pending', 'sending')"
                        + " and id < ? order by id limit 1")
                .params(lane, id)
                .query((rs, n) -> Times.instant(rs, "due_at"))
                .optional();
    }
}
