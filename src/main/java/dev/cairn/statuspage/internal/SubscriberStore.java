package dev.cairn.statuspage.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.shared.Times;
import java.time.Instant;
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

    public long count(boolean confirmed) {
        return jdbc.sql("select count(*) from status_subscribers where confirmed_at is "
                        + (confirmed ? "not null" : "null"))
                .query(Long.class)
                .single();
    }
}
