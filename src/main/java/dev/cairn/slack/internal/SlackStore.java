package dev.cairn.slack.internal;

import static dev.cairn.shared.Times.db;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Slack tables: incident channels and the events already handled. */
@Repository
public class SlackStore {

    private final JdbcClient jdbc;

    SlackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims an event by Slack's id; false when it was handled before (a retry). */
    public boolean claimEvent(String eventId, Instant now) {
        return jdbc.sql("insert into slack_events (event_id, received_at) values (?, ?) on conflict do nothing")
                        .params(eventId, db(now))
                        .update()
                > 0;
    }

    public void link(long incidentId, String channelId, Instant now) {
        jdbc.sql("delete from slack_channels where incident_id = ? or channel_id = ?")
                .params(incidentId, channelId)
                .update();
        jdbc.sql("insert into slack_channels (incident_id, channel_id, linked_at) values (?, ?, ?)")
                .params(incidentId, channelId, db(now))
                .update();
    }

    public Optional<Long> incidentOf(String channelId) {
        return jdbc.sql("select incident_id from slack_channels where channel_id = ?")
                .param(channelId)
                .query(Long.class)
                .optional();
    }

    public Optional<String> channelOf(long incidentId) {
        return jdbc.sql("select channel_id from slack_channels where incident_id = ?")
                .param(incidentId)
                .query(String.class)
                .optional();
    }

    /** A command waiting to be done by its job. */
    public record PendingCommand(
            long id, long incidentId, long userId, String verb, String argument, String responseUrl) {}

    public long addCommand(
            long incidentId, long userId, String verb, String argument, String responseUrl, Instant now) {
        return dev.cairn.shared.Sql.insert(jdbc.sql("insert into slack_commands (incident_id, user_id, verb, argument,"
                        + " response_url, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(incidentId, userId, verb, argument, responseUrl, db(now)));
    }

    /** The command if it is not done yet, locked so a revived job cannot do it twice. */
    public Optional<PendingCommand> lockPendingCommand(long id) {
        return jdbc.sql("select id, incident_id, user_id, verb, argument, response_url from slack_commands"
                        + " where id = ? and done_at is null for update")
                .param(id)
                .query((rs, n) -> new PendingCommand(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional();
    }

    public void commandDone(long id, String outcome, Instant now) {
        jdbc.sql("update slack_commands set done_at = ?, outcome = ? where id = ?")
                .params(db(now), outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome, id)
                .update();
    }
}
