package dev.cairn.notification.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.notification.AttemptView;
import dev.cairn.notification.Channel;
import dev.cairn.notification.DeliveryView;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: deliveries and their attempts. Every change of a delivery's state bumps its version
 * and names the version it expects, so a node that lost its claim cannot overwrite what another
 * node recorded.
 */
@Repository
public class DeliveryStore {

    private static final String COLUMNS = "id, topic, kind, user_id, contact_method_id, channel, target, subject,"
            + " body, link, action_url, action_label, status, due_at, sent_at, attempt_count, last_error, version,"
            + " claimed_at, created_at, secret, lane, pace_millis, request";

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery as stored, with the rendered message. */
    public record DeliveryRow(
            long id,
            String topic,
            String kind,
            long userId,
            Long contactMethodId,
            Channel channel,
            String target,
            String subject,
            String body,
            String link,
            String actionUrl,
            String actionLabel,
            DeliveryStatus status,
            Instant dueAt,
            Instant sentAt,
            int attemptCount,
            String lastError,
            long version,
            Instant claimedAt,
            Instant createdAt,
            String secret,
            String lane,
            int paceMillis,
            String request) {}

    /** A new delivery to plan: the message, who, where and when. */
    public record NewDelivery(
            String topic,
            String kind,
            Long userId,
            Long contactMethodId,
            Channel channel,
            String target,
            String subject,
            String body,
            String link,
            String actionUrl,
            String actionLabel,
            Instant dueAt,
            String secret,
            String lane,
            Integer paceMillis,
            String request) {

        public NewDelivery(
                String topic,
                String kind,
                Long userId,
                Long contactMethodId,
                Channel channel,
                String target,
                String subject,
                String body,
                String link,
                String actionUrl,
                String actionLabel,
                Instant dueAt,
                String secret) {
            this(
                    topic,
                    kind,
                    userId,
                    contactMethodId,
                    channel,
                    target,
                    subject,
                    body,
                    link,
                    actionUrl,
                    actionLabel,
                    dueAt,
                    secret,
                    null,
                    null,
                    null);
        }
    }

    public long insert(NewDelivery d, Instant now) {
        return Sql.insert(jdbc.sql("insert into notification_deliveries (topic, kind, user_id, contact_method_id,"
                        + " channel, target, subject, body, link, action_url, action_label, status, due_at,"
                        + " created_at, secret, lane, pace_millis, request)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        d.topic(),
                        d.kind(),
                        d.userId(),
                        d.contactMethodId(),
                        d.channel().name(),
                        d.target(),
                        d.subject(),
                        d.body(),
                        d.link(),
                        d.actionUrl(),
                        d.actionLabel(),
                        DeliveryStatus.PENDING.db(),
                        db(d.dueAt()),
                        db(now),
                        d.secret(),
                        d.lane(),
                        d.paceMillis(),
                        d.request()));
    }

    public Optional<DeliveryRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from notification_deliveries where id = ?")
                .param(id)
                .query(DeliveryStore::row)
                .optional();
    }

    public List<DeliveryView> views(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withAttempts(
                jdbc.sql("select " + COLUMNS + " from notification_deliveries where id in (:ids) order by id")
                        .param("ids", ids)
                        .query(DeliveryStore::row)
                        .list());
    }

    public List<DeliveryView> byTopic(String topic) {
        return withAttempts(jdbc.sql("select " + COLUMNS + " from notification_deliveries where topic = ? order by id")
                .param(topic)
                .query(DeliveryStore::row)
                .list());
    }

    /** A person's deliveries, newest first, below the cursor id. */
    public List<DeliveryView> byUser(long userId, long below, int limit) {
        return withAttempts(jdbc.sql("select " + COLUMNS + " from notification_deliveries where user_id = ? and id < ?"
                        + " order by id desc limit ?")
                .params(userId, below, limit)
                .query(DeliveryStore::row)
                .list());
    }

    /** The newest delivery of each topic, e.g. the last test of each contact method. */
    public Map<String, DeliveryView> latestOfTopics(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<DeliveryRow> latest = jdbc.sql("select " + COLUMNS + " from notification_deliveries where id in"
                        + " (select max(id) from notification_deliveries where topic in (:topics) group by topic)")
                .param("topics", topics)
                .query(DeliveryStore::row)
                .list();
        Map<String, DeliveryView> byTopic = new HashMap<>();
        withAttempts(latest).forEach(v -> byTopic.put(v.topic(), v));
        return byTopic;
    }

    public Map<Long, String> subjects(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> subjects = new HashMap<>();
        jdbc.sql("select id, subject from notification_deliveries where id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    subjects.put(rs.getLong("id"), rs.getString("subject"));
                });
        return subjects;
    }

    /** Cancels what has not been claimed yet; a delivery being sent right now still goes out. */
    public int cancelTopic(String topic) {
        return jdbc.sql("update notification_deliveries set status = 'cancelled', version = version + 1"
                        + " where topic = ? and status = 'pending'")
                .param(topic)
                .update();
    }

    public int cancelForMethod(long methodId, String reason) {
        return jdbc.sql("update notification_deliveries set status = 'cancelled', last_error = ?, version = version + 1"
                        + " where contact_method_id = ? and status = 'pending'")
                .params(reason, methodId)
                .update();
    }

    /** A contact method's address changed: what it has not sent yet goes to the new one. */
    public int retarget(long methodId, String target) {
        return jdbc.sql("update notification_deliveries set target = ?, version = version + 1"
                        + " where contact_method_id = ? and status = 'pending'")
                .params(target, methodId)
                .update();
    }

    /**
     * Claims a delivery for sending: succeeds only if nobody changed it since it was read at {@code
     * version}. Returns the new version, or empty when another node or a cancel got there first.
     */
    public Optional<Long> claim(long id, long version, String node, Instant now) {
        int updated = jdbc.sql("update notification_deliveries set status = 'sending', version = version + 1,"
                        + " claimed_by = ?, claimed_at = ? where id = ? and version = ?"
                        + " and status in ('pending', 'sending')")
                .params(node, db(now), id, version)
                .update();
        return updated == 1 ? Optional.of(version + 1) : Optional.empty();
    }

    /** Records the result of a claimed attempt; false when the claim was lost meanwhile. */
    public boolean finish(
            long id, long claimedVersion, DeliveryStatus status, Instant dueAt, Instant sentAt, String lastError) {
        return jdbc.sql("update notification_deliveries set status = ?, due_at = ?, sent_at = ?, last_error = ?,"
                                + " attempt_count = attempt_count + 1, version = version + 1, claimed_by = null,"
                                + " claimed_at = null where id = ? and version = ?")
                        .params(status.db(), db(dueAt), db(sentAt), lastError, id, claimedVersion)
                        .update()
                == 1;
    }

    /** Moves a pending delivery later without an attempt (its provider asked everyone to wait). */
    public boolean postpone(long id, long version, Instant dueAt, String note) {
        return jdbc.sql("update notification_deliveries set due_at = ?, last_error = ?, version = version + 1"
                                + " where id = ? and version = ? and status = 'pending'")
                        .params(db(dueAt), note, id, version)
                        .update()
                == 1;
    }

    /** A node died while sending: the try counts as a failed attempt before the next one. */
    public void countInterrupted(long id) {
        jdbc.sql("update notification_deliveries set attempt_count = attempt_count + 1 where id = ?")
                .param(id)
                .update();
    }

    public void insertAttempt(long deliveryId, Instant at, String outcome, String detail, long durationMillis) {
        jdbc.sql("insert into notification_attempts (delivery_id, attempted_at, outcome, detail, duration_millis)"
                        + " values (?, ?, ?, ?, ?)")
                .params(deliveryId, db(at), outcome, clip(detail, 1000), durationMillis)
                .update();
    }

    private List<DeliveryView> withAttempts(List<DeliveryRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AttemptView>> attempts = new HashMap<>();
        jdbc.sql("select * from notification_attempts where delivery_id in (:ids) order by id")
                .param("ids", rows.stream().map(DeliveryRow::id).toList())
                .query(rs -> {
                    attempts.computeIfAbsent(rs.getLong("delivery_id"), k -> new ArrayList<>())
                            .add(new AttemptView(
                                    Times.instant(rs, "attempted_at"),
                                    rs.getString("outcome"),
                                    rs.getString("detail"),
                                    rs.getLong("duration_millis")));
                });
        return rows.stream()
                .map(r -> new DeliveryView(
                        r.id(),
                        r.topic(),
                        r.userId(),
                        r.contactMethodId(),
                        r.channel().json(),
                        r.channel().display(r.target()),
                        r.status().shown(),
                        r.dueAt(),
                        r.sentAt(),
                        r.attemptCount(),
                        r.lastError(),
                        List.copyOf(attempts.getOrDefault(r.id(), List.of()))))
                .toList();
    }

    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    private static DeliveryRow row(ResultSet rs, int n) throws SQLException {
        return new DeliveryRow(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getString("kind"),
                rs.getLong("user_id"),
                rs.getObject("contact_method_id", Long.class),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("target"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("link"),
                rs.getString("action_url"),
                rs.getString("action_label"),
                DeliveryStatus.of(rs.getString("status")),
                Times.instant(rs, "due_at"),
                Times.instant(rs, "sent_at"),
                rs.getInt("attempt_count"),
                rs.getString("last_error"),
                rs.getLong("version"),
                Times.instant(rs, "claimed_at"),
                Times.instant(rs, "created_at"),
                rs.getString("secret"),
                rs.getString("lane"),
                rs.getInt("pace_millis"),
                rs.getString("request"));
    }
}
