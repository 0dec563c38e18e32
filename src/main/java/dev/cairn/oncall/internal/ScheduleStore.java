package dev.cairn.oncall.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.oncall.Layer;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.ScheduleView.OverrideView;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The schedule tables, in SQL; layers are stored as the JSON of the calculator's records. */
@Repository
public class ScheduleStore {

    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, String zone, Long teamId, List<Layer> layers, Instant now) {
        return Sql.insert(jdbc.sql("insert into schedules (name, time_zone, team_id, layers, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(name, zone, teamId, JSON.writeValueAsString(layers), db(now), db(now)));
    }

    public void update(long id, String name, String zone, Long teamId, List<Layer> layers, Instant now) {
        jdbc.sql("update schedules set name = ?, time_zone = ?, team_id = ?, layers = ?, updated_at = ? where id = ?")
                .params(name, zone, teamId, JSON.writeValueAsString(layers), db(now), id)
                .update();
    }

    public Optional<ScheduleView> find(long id) {
        return jdbc.sql("select * from schedules where id = ?")
                .param(id)
                .query((rs, n) -> view(rs, overrides(rs.getLong("id"))))
                .optional();
    }

    public List<ScheduleView> all() {
        Map<Long, List<OverrideView>> overrides = new HashMap<>();
        jdbc.sql("select * from schedule_overrides order by starts_at, id").query(rs -> {
            overrides
                    .computeIfAbsent(rs.getLong("schedule_id"), k -> new ArrayList<>())
                    .add(override(rs));
        });
        return jdbc.sql("select * from schedules order by name")
                .query((rs, n) -> view(rs, overrides.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    public void delete(long id) {
        jdbc.sql("delete from schedules where id = ?").param(id).update();
    }

    public long insertOverride(
            long scheduleId, long userId, Long replaces, Instant start, Instant end, Long by, Instant now) {
        return Sql.insert(
                jdbc.sql("insert into schedule_overrides (schedule_id, user_id, replaces_user_id, starts_at, ends_at,"
                                + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(scheduleId, userId, replaces, db(start), db(end), by, db(now)));
    }

    public int deleteOverride(long scheduleId, long overrideId) {
        return jdbc.sql("delete from schedule_overrides where schedule_id = ? and id = ?")
                .params(scheduleId, overrideId)
                .update();
    }

    public int setFeedTokenHash(long id, String hash) {
        return jdbc.sql("update schedules set feed_token_hash = ? where id = ?")
                .params(hash, id)
                .update();
    }

    public boolean hasFeed(long id) {
        return jdbc.sql("select count(*) from schedules where id = ? and feed_token_hash is not null")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<Long> idByFeedTokenHash(String hash) {
        return jdbc.sql("select id from schedules where feed_token_hash = ?")
                .param(hash)
                .query(Long.class)
                .optional();
    }

    /** Replaces the person's feed secret, so an older link stops working. */
    public void setPersonFeedTokenHash(long userId, String hash, Instant now) {
        jdbc.sql("delete from oncall_person_feeds where user_id = ?")
                .param(userId)
                .update();
        jdbc.sql("insert into oncall_person_feeds (user_id, token_hash, created_at) values (?, ?, ?)")
                .params(userId, hash, db(now))
                .update();
    }

    public boolean hasPersonFeed(long userId) {
        return jdbc.sql("select count(*) from oncall_person_feeds where user_id = ?")
                        .param(userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<Long> userByPersonFeedTokenHash(String hash) {
        return jdbc.sql("select user_id from oncall_person_feeds where token_hash = ?")
                .param(hash)
                .query(Long.class)
                .optional();
    }

    private List<OverrideView> overrides(long scheduleId) {
        return jdbc.sql("select * from schedule_overrides where schedule_id = ? order by starts_at, id")
                .param(scheduleId)
                .query((rs, n) -> override(rs))
                .list();
    }

    private static OverrideView override(ResultSet rs) throws SQLException {
        return new OverrideView(
                rs.getLong("id"),
                rs.getLong("user_id"),
                (Long) rs.getObject("replaces_user_id", Long.class),
                Times.instant(rs, "starts_at"),
                Times.instant(rs, "ends_at"),
                (Long) rs.getObject("created_by", Long.class));
    }

    private static ScheduleView view(ResultSet rs, List<OverrideView> overrides) throws SQLException {
        return new ScheduleView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("time_zone"),
                (Long) rs.getObject("team_id", Long.class),
                List.of(JSON.readValue(rs.getString("layers"), Layer[].class)),
                overrides,
                Times.instant(rs, "updated_at"));
    }
}
