package dev.cairn.statuspage.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** E-mail subscribers and their tokens (stored as SHA-256 only). */
@Repository
public class SubscriberStore {

    private final JdbcClient jdbc;

    SubscriberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Subscriber(long id, String email, Instant confirmedAt, Instant lastAskedAt) {}

    /** The row of an address, locked, creating it if new (a concurrent sign-up finds the same row). */
    public Subscriber lockOrCreate(String email, Instant now) {
        jdbc.sql("insert into status_subscribers (email, created_at, last_asked_at) values (?, ?, ?)"
                        + " on conflict do nothing")
                .params(email, db(now), db(Instant.EPOCH))
                .update();
        return jdbc.sql("select * from status_subscribers where email = ? for update")
                .param(email)
                .query((rs, n) -> new Subscriber(
                        rs.getLong("id"),
                        rs.getString("email"),
                        Times.instant(rs, "confirmed_at"),
                        Times.instant(rs, "last_asked_at")))
                .single();
    }

    public void asked(long id, Instant now) {
        jdbc.sql("update status_subscribers set last_asked_at = ? where id = ?")
                .params(db(now), id)
                .update();
    }

    /** Confirmation e-mails sent since {@code since}, over all addresses. */
    public long askedSince(Instant since) {
        return jdbc.sql("select count(*) from status_subscribers where last_asked_at >= ?")
                .param(db(since))
                .query(Long.class)
                .single();
    }

    public void addToken(String hash, long subscriberId, String purpose, Instant now) {
        jdbc.sql("insert into status_subscriber_tokens (token_hash, subscriber_id, purpose, created_at)"
                        + " values (?, ?, ?, ?)")
                .params(hash, subscriberId, purpose, db(now))
                .update();
    }

    public record Token(long subscriberId, String email, String purpose, Instant createdAt, Instant confirmedAt) {}

    public Optional<Token> token(String hash) {
        return jdbc.sql("select t.subscriber_id, t.purpose, t.created_at, s.email, s.confirmed_at"
                        + " from status_subscriber_tokens t join status_subscribers s on s.id = t.subscriber_id"
                        + " where t.token_hash = ?")
                .param(hash)
                .query((rs, n) -> new Token(
                        rs.getLong("subscriber_id"),
                        rs.getString("email"),
                        rs.getString("purpose"),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "confirmed_at")))
                .optional();
    }

    public void confirm(long id, Instant now) {
        jdbc.sql("update status_subscribers set confirmed_at = ? where id = ? and confirmed_at is null")
                .params(db(now), id)
                .update();
        jdbc.sql("delete from status_subscriber_tokens where subscriber_id = ? and purpose = 'confirm'")
                .param(id)
                .update();
    }

    public void delete(long id) {
        jdbc.sql("delete from status_subscribers where id = ?").param(id).update();
    }

    public List<Subscriber> confirmed() {
        return jdbc.sql("select * from status_subscribers where confirmed_at is not null order by id")
                .query((rs, n) -> new Subscriber(
                        rs.getLong("id"),
                        rs.getString("email"),
                        Times.instant(rs, "confirmed_at"),
                        Times.instant(rs, "last_asked_at")))
                .list();
    }

    /** A subscriber as admins see it (the address is personal data: admins only, never logged). */
    public record Row(long id, String email, Instant createdAt, Instant confirmedAt) {}

    /**
     * Subscribers below an id, newest first; {@code confirmed} null for both states, {@code
     * contains} a lower-case part of the address or null.
     */
    public List<Row> page(Boolean confirmed, String contains, long belowId, int limit) {
        Filter f = filter(confirmed, contains);
        return jdbc.sql("select id, email, created_at, confirmed_at from status_subscribers where id < ?" + f.where
                        + " order by id desc limit ?")
                .params(concat(List.of(belowId), f.params, List.of(limit)))
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("email"),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "confirmed_at")))
                .list();
    }

    public long count(Boolean confirmed, String contains) {
        Filter f = filter(confirmed, contains);
        return jdbc.sql("select count(*) from status_subscribers where 1 = 1" + f.where)
                .params(f.params)
                .query(Long.class)
                .single();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select id, email, created_at, confirmed_at from status_subscribers where id = ?")
                .param(id)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("email"),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "confirmed_at")))
                .optional();
    }

    private record Filter(String where, List<Object> params) {}

    private static Filter filter(Boolean confirmed, String contains) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (confirmed != null) {
            where.append(" and confirmed_at is ").append(confirmed ? "not null" : "null");
        }
        if (contains != null) {
            // Addresses are stored in lower case; escape LIKE's wildcards so "_" and "%" match themselves.
            where.append(" and email like ? escape '\\'");
            params.add("%" + contains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return new Filter(where.toString(), params);
    }

    private static List<Object> concat(List<?>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<?> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    public long count(boolean confirmed) {
        return jdbc.sql("select count(*) from status_subscribers where confirmed_at is "
                        + (confirmed ? "not null" : "null"))
                .query(Long.class)
                .single();
    }
}
