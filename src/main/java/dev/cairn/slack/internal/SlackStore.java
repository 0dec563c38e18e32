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
}
