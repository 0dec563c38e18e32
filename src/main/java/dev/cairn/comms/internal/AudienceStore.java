package dev.cairn.comms.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.comms.Audience;
import dev.cairn.comms.Audience.Recipient;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Audiences, their cadences and recipients. */
@Repository
public class AudienceStore {

    private final JdbcClient jdbc;

    AudienceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A recipient with what is needed to send to it (the webhook's secret). */
    public record Target(long id, long audienceId, String channel, String address, String secret) {}

    public List<Audience> all() {
        return load(null);
    }

    public Optional<Audience> find(long id) {
        return load(id).stream().findFirst();
    }

    public Optional<Audience> bySlug(String slug) {
        return jdbc.sql("select id from audiences where slug = ?")
                .param(slug)
                .query(Long.class)
                .optional()
                .flatMap(this::find);
    }

    public long insert(
            String slug, String name, String description, String subject, String template, int position, Instant now) {
        return Sql.insert(jdbc.sql("insert into audiences (slug, name, description, subject_template, template,"
                        + " position, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(slug, name, description, subject, template, position, db(now), db(now)));
    }

    public void update(
            long id,
            String slug,
            String name,
            String description,
            String subject,
            String template,
            int position,
            Instant now) {
        jdbc.sql("update audiences set slug = ?, name = ?, description = ?, subject_template = ?, template = ?,"
                        + " position = ?, updated_at = ? where id = ?")
                .params(slug, name, description, subject, template, position, db(now), id)
                .update();
    }

    public void replaceCadence(long id, Map<String, Integer> cadence) {
        jdbc.sql("delete from audience_cadences where audience_id = ?")
                .param(id)
                .update();
        cadence.forEach((severity, minutes) -> jdbc.sql(
                        "insert into audience_cadences (audience_id, severity, every_minutes) values (?, ?, ?)")
                .params(id, severity, minutes)
                .update());
    }

    public void delete(long id) {
        jdbc.sql("delete from audiences where id = ?").param(id).update();
    }

    public boolean slugTaken(String slug, long exceptId) {
        return jdbc.sql("select count(*) from audiences where slug = ? and id <> ?")
                        .params(slug, exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public int nextPosition() {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from audiences")
                .query(Integer.class)
                .single();
    }

    public long addRecipient(long audienceId, String channel, String address, String secret, Instant now) {
        return Sql.insert(jdbc.sql("insert into audience_recipients (audience_id, channel, address, secret, created_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(audienceId, channel, address, secret, db(now)));
    }

    public int removeRecipient(long audienceId, long recipientId) {
        return jdbc.sql("delete from audience_recipients where id = ? and audience_id = ?")
                .params(recipientId, audienceId)
                .update();
    }

    public List<Target> targets(long audienceId) {
        return jdbc.sql("select * from audience_recipients where audience_id = ? order by id")
                .param(audienceId)
                .query((rs, n) -> new Target(
                        rs.getLong("id"),
                        rs.getLong("audience_id"),
                        rs.getString("channel"),
                        rs.getString("address"),
                        rs.getString("secret")))
                .list();
    }

    private List<Audience> load(Long onlyId) {
        String where = onlyId == null ? "" : " where audience_id = " + onlyId;
        Map<Long, Map<String, Integer>> cadences = new HashMap<>();
        jdbc.sql("select * from audience_cadences" + where + " order by severity")
                .query(rs -> {
                    cadences.computeIfAbsent(rs.getLong("audience_id"), k -> new LinkedHashMap<>())
                            .put(rs.getString("severity"), rs.getInt("every_minutes"));
                });
        Map<Long, List<Recipient>> recipients = new HashMap<>();
        jdbc.sql("select * from audience_recipients" + where + " order by id").query(rs -> {
            String channel = rs.getString("channel");
            String address = rs.getString("address");
            recipients
                    .computeIfAbsent(rs.getLong("audience_id"), k -> new ArrayList<>())
                    .add(new Recipient(
                            rs.getLong("id"),
                            channel,
                            address,
                            display(channel, address),
                            Times.instant(rs, "created_at")));
        });
        return jdbc.sql("select * from audiences" + (onlyId == null ? "" : " where id = " + onlyId)
                        + " order by position, id")
                .query((rs, n) -> new Audience(
                        rs.getLong("id"),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getString("subject_template"),
                        rs.getString("template"),
                        rs.getInt("position"),
                        java.util.Collections.unmodifiableMap(
                                new java.util.TreeMap<>(cadences.getOrDefault(rs.getLong("id"), Map.of()))),
                        List.copyOf(recipients.getOrDefault(rs.getLong("id"), List.of())),
                        Times.instant(rs, "updated_at")))
                .list();
    }

    /** A webhook's path and query may hold the receiver's own token: lists show its host only. */
    static String display(String channel, String address) {
        if (!"webhook".equals(channel)) {
            return address;
        }
        try {
            URI uri = URI.create(address);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "webhook";
        }
    }
}
