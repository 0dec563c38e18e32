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

    /**
     * Makes the channel the incident's, replacing any other link of either. Safe against the
     * channel Cairn creates being linked at the same moment: update, else insert, else update.
     */
    public void link(long incidentId, String channelId, Instant now) {
        jdbc.sql("delete from slack_channels where channel_id = ? and incident_id <> ?")
                .params(channelId, incidentId)
                .update();
        if (relink(incidentId, channelId, now) == 0 && !linkIfNone(incidentId, channelId, now)) {
            relink(incidentId, channelId, now);
        }
    }

    /** The card and checklist belong to the old channel: they are forgotten with it. */
    private int relink(long incidentId, String channelId, Instant now) {
        return jdbc.sql("update slack_channels set channel_id = ?, linked_at = ?, summary_ts = null,"
                        + " checklist_ts = null where incident_id = ?")
                .params(channelId, db(now), incidentId)
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

    /** Links a channel Cairn created, unless the incident got a channel meanwhile; true when linked. */
    public boolean linkIfNone(long incidentId, String channelId, Instant now) {
        return jdbc.sql("insert into slack_channels (incident_id, channel_id, linked_at) values (?, ?, ?)"
                                + " on conflict do nothing")
                        .params(incidentId, channelId, db(now))
                        .update()
                > 0;
    }

    /** An incident's channel and the two messages Cairn keeps current in it (ts null until posted). */
    public record Room(long incidentId, String channelId, String summaryTs, String checklistTs) {}

    public Optional<Room> room(long incidentId) {
        return jdbc.sql("select incident_id, channel_id, summary_ts, checklist_ts from slack_channels"
                        + " where incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> new Room(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** Remembers a posted card's ts, if the channel is still the incident's. */
    public void summaryPosted(long incidentId, String channelId, String ts) {
        jdbc.sql("update slack_channels set summary_ts = ? where incident_id = ? and channel_id = ?")
                .params(ts, incidentId, channelId)
                .update();
    }

    public void checklistPosted(long incidentId, String channelId, String ts) {
        jdbc.sql("update slack_channels set checklist_ts = ? where incident_id = ? and channel_id = ?")
                .params(ts, incidentId, channelId)
                .update();
    }

    /** Marks a refresh as due; false when one is pending already (the burst is coalesced into it). */
    /** Marks the channel as closing; false when it already was (another node, a second refresh). */
    public boolean markClosing(long incidentId, Instant now) {
        return jdbc.sql("update slack_channels set closing_at = ? where incident_id = ? and closing_at is null")
                        .params(db(now), incidentId)
                        .update()
                > 0;
    }

    public boolean closing(long incidentId) {
        return jdbc.sql("select count(*) from slack_channels where incident_id = ? and closing_at is not null")
                        .param(incidentId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public boolean markRefresh(long incidentId, Instant due) {
        return jdbc.sql("update slack_channels set refresh_due = ? where incident_id = ? and refresh_due is null")
                        .params(db(due), incidentId)
                        .update()
                > 0;
    }

    /** Takes the pending refresh; false when another node (or a revived job) took it. */
    public boolean takeRefresh(long incidentId) {
        return jdbc.sql(
                                "update slack_channels set refresh_due = null where incident_id = ? and refresh_due is not null")
                        .param(incidentId)
                        .update()
                > 0;
    }
}
