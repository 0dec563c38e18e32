package dev.cairn.slack;

import dev.cairn.slack.internal.SlackApi;
import dev.cairn.slack.internal.SlackPeople;
import dev.cairn.slack.internal.SlackStore;
import dev.cairn.timeline.EntrySource;
import dev.cairn.timeline.PostEntry;
import dev.cairn.timeline.Timeline;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Slack's Events API: messages in an incident channel (thread replies too) become timeline
 * entries with their real author and Slack's time, edits and deletions follow, and the star
 * reaction marks a key moment. Each event is handled once, whatever Slack retries.
 */
@Service
public class SlackEvents {

    private static final Logger log = LoggerFactory.getLogger(SlackEvents.class);

    /** Message subtypes that are something a person said; joins, topics and the like are not. */
    private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,6}");

    private static final Set<String> SAID = Set.of("thread_broadcast", "file_share", "me_message");

    private final SlackStore store;
    private final SlackPeople people;
    private final SlackApi api;
    private final SlackSettings settings;
    private final Timeline timeline;
    private final Clock clock;

    SlackEvents(
            SlackStore store,
            SlackPeople people,
            SlackApi api,
            SlackSettings settings,
            Timeline timeline,
            Clock clock) {
        this.store = store;
        this.people = people;
        this.api = api;
        this.settings = settings;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Handles an {@code event_callback}; a repeat of an event already handled does nothing. */
    @Transactional
    public void handle(JsonNode callback) {
        String eventId = callback.path("event_id").asString("");
        JsonNode event = callback.path("event");
        if (eventId.isEmpty() || !store.claimEvent(eventId, clock.instant())) {
            return;
        }
        switch (event.path("type").asString("")) {
            case "message" -> message(event);
            case "reaction_added" -> reaction(event);
            default ->
                log.debug("slack event ignored type={}", event.path("type").asString(""));
        }
    }

    private void message(JsonNode event) {
        String channel = event.path("channel").asString("");
        Optional<Long> incident = store.incidentOf(channel);
        if (incident.isEmpty()) {
            return;
        }
        long incidentId = incident.get();
        String subtype = event.path("subtype").asString("");
        switch (subtype) {
            case "message_changed" -> {
                JsonNode changed = event.path("message");
                String text = fit(people.readable(changed.path("text").asString("")));
                if (!text.isEmpty() && !fromCairn(changed)) {
                    timeline.mirrorEdit(
                            incidentId, externalId(channel, changed.path("ts").asString("")), text);
                }
            }
            case "message_deleted" ->
                timeline.mirrorDelete(
                        incidentId, externalId(channel, event.path("deleted_ts").asString("")));
            default -> {
                if ((subtype.isEmpty() || SAID.contains(subtype))
                        && !fromCairn(event)
                        && !event.path("user").asString("").isEmpty()) {
                    said(incidentId, channel, event);
                }
            }
        }
    }

    private void said(long incidentId, String channel, JsonNode event) {
        String text = fit(people.readable(event.path("text").asString("")));
        String ts = event.path("ts").asString("");
        if (text.isEmpty() || !TS.matcher(ts).matches()) {
            return;
        }
        SlackPeople.Author author = people.author(event.path("user").asString(""));
        timeline.mirror(new Timeline.Mirrored(
                incidentId,
                EntrySource.SLACK,
                externalId(channel, ts),
                author.user().map(u -> u.id()).orElse(null),
                author.name(),
                text,
                time(ts)));
    }

    private void reaction(JsonNode event) {
        JsonNode item = event.path("item");
        if (!settings.starReaction().equals(event.path("reaction").asString(""))
                || !"message".equals(item.path("type").asString(""))) {
            return;
        }
        String channel = item.path("channel").asString("");
        store.incidentOf(channel)
                .ifPresent(incidentId -> timeline.mirrorStar(
                        incidentId, externalId(channel, item.path("ts").asString(""))));
    }

    /** Cairn's own posts come back as events: mirroring them again would loop. */
    private boolean fromCairn(JsonNode message) {
        String botId = message.path("bot_id").asString("");
        String user = message.path("user").asString("");
        if (botId.isEmpty() && user.isEmpty()) {
            return false;
        }
        return api.self()
                .map(self -> botId.equals(self.botId()) || user.equals(self.userId()))
                .orElse(!botId.isEmpty());
    }

    /** Slack allows longer messages than a timeline entry: the rest is cut, never refused. */
    static String fit(String text) {
        String clean = text.strip();
        return clean.length() <= PostEntry.MAX_BODY ? clean : clean.substring(0, PostEntry.MAX_BODY - 1) + "…";
    }

    static String externalId(String channel, String ts) {
        return "slack:" + channel + ":" + ts;
    }

    /** Slack's ts is seconds since the epoch with microseconds after the point. */
    static Instant time(String ts) {
        BigDecimal seconds = new BigDecimal(ts);
        return Instant.ofEpochSecond(
                seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
}
