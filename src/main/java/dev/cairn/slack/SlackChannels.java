package dev.cairn.slack;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.slack.internal.SlackStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which Slack channel is an incident's room. */
@Service
public class SlackChannels {

    private final SlackStore store;
    private final Incidents incidents;
    private final Audit audit;
    private final Clock clock;

    SlackChannels(SlackStore store, Incidents incidents, Audit audit, Clock clock) {
        this.store = store;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    /** Links an existing channel to the incident (a channel belongs to one incident at a time). */
    @Transactional
    public void link(long incidentId, String channelId, Actor actor) {
        Actors.requireWrite(actor);
        incidents.get(incidentId, actor);
        if (channelId == null || !channelId.strip().matches("[CG][A-Z0-9]{2,39}")) {
            throw new InvalidInputException("channelId", "must be a Slack channel id such as C0123ABCD");
        }
        store.link(incidentId, channelId.strip(), clock.instant());
        audit.record(actor, "slack.channel_linked", "incident", incidentId, "channel=" + channelId.strip());
    }

    public Optional<String> channelOf(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.channelOf(incidentId);
    }
}
