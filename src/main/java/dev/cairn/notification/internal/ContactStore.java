package dev.cairn.notification.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.notification.Channel;
import dev.cairn.notification.ContactMethodView;
import dev.cairn.notification.NotificationRuleView;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contact methods and notification rules, in SQL. */
@Repository
public class ContactStore {

    private final JdbcClient jdbc;

    ContactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact method as stored, with its webhook secret (which never leaves the module). */
    public record MethodRow(
            long id,
            long userId,
            String name,
            Channel channel,
            String address,
            String secret,
            boolean enabled,
            Instant pausedUntil,
            Instant createdAt) {

        public ContactMethodView view() {
            return new ContactMethodView(id, userId, name, channel, address, enabled, pausedUntil, createdAt);
        }
    }

    public long insertMethod(long userId, String name, Channel channel, String address, String secret, Instant now) {
        return Sql.insert(jdbc.sql("insert into contact_methods (user_id, name, channel, address, secret, enabled,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, true, ?, ?)")
                .params(userId, name, channel.name(), address, secret, db(now), db(now)));
    }

    public List<MethodRow> methods(long userId) {
        return jdbc.sql("select * from contact_methods where user_id = ? order by id")
                .param(userId)
                .query(ContactStore::method)
                .list();
    }

    public Optional<MethodRow> method(long id) {
        return jdbc.sql("select * from contact_methods where id = ?")
                .param(id)
                .query(ContactStore::method)
                .optional();
    }

    public int countMethods(long userId) {
        return jdbc.sql("select count(*) from contact_methods where user_id = ?")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    public void updateMethod(long id, String name, String address, boolean enabled, Instant now) {
        jdbc.sql("update contact_methods set name = ?, address = ?, enabled = ?, updated_at = ? where id = ?")
                .params(name, address, enabled, db(now), id)
                .update();
    }

    public void setSecret(long id, String secret, Instant now) {
        jdbc.sql("update contact_methods set secret = ?, updated_at = ? where id = ?")
                .params(secret, db(now), id)
                .update();
    }

    public void deleteMethod(long id) {
        jdbc.sql("delete from contact_methods where id = ?").param(id).update();
    }

    /** The provider asked to wait: this method's messages go out no earlier than {@code until}. */
    public void pauseUntil(long id, Instant until) {
        jdbc.sql(
                        "update contact_methods set paused_until = ? where id = ? and (paused_until is null or paused_until < ?)")
                .params(db(until), id, db(until))
                .update();
    }

    public List<NotificationRuleView> rules(long userId) {
        return jdbc.sql(
                        "select * from notification_rules where user_id = ? order by delay_minutes, contact_method_id, id")
                .param(userId)
                .query(ContactStore::rule)
                .list();
    }

    public Optional<NotificationRuleView> rule(long id) {
        return jdbc.sql("select * from notification_rules where id = ?")
                .param(id)
                .query(ContactStore::rule)
                .optional();
    }

    public int countRules(long userId) {
        return jdbc.sql("select count(*) from notification_rules where user_id = ?")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    public int countRulesOf(long methodId) {
        return jdbc.sql("select count(*) from notification_rules where contact_method_id = ?")
                .param(methodId)
                .query(Integer.class)
                .single();
    }

    public long insertRule(long userId, long methodId, int delayMinutes, Instant now) {
        return Sql.insert(
                jdbc.sql("insert into notification_rules (user_id, contact_method_id, delay_minutes, created_at)"
                                + " values (?, ?, ?, ?)")
                        .params(userId, methodId, delayMinutes, db(now)));
    }

    public void deleteRule(long id) {
        jdbc.sql("delete from notification_rules where id = ?").param(id).update();
    }

    private static MethodRow method(ResultSet rs, int n) throws SQLException {
        return new MethodRow(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("name"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("address"),
                rs.getString("secret"),
                rs.getBoolean("enabled"),
                Times.instant(rs, "paused_until"),
                Times.instant(rs, "created_at"));
    }

    private static NotificationRuleView rule(ResultSet rs, int n) throws SQLException {
        return new NotificationRuleView(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getLong("contact_method_id"),
                rs.getInt("delay_minutes"),
                Times.instant(rs, "created_at"));
    }
}
