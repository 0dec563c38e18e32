package dev.cairn.slack.web;

import dev.cairn.identity.Actors;
import dev.cairn.slack.SlackChannels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents/{id}/slack-channel")
@Tag(name = "Slack", description = "The incident's Slack channel")
class SlackChannelApi {

    record ChannelLink(String channelId) {}

    private final SlackChannels channels;

    SlackChannelApi(SlackChannels channels) {
        this.channels = channels;
    }

    @PutMapping
    @Operation(summary = "Link an existing Slack channel to the incident: its messages are mirrored to the timeline")
    ChannelLink link(@PathVariable long id, @RequestBody ChannelLink body) {
        channels.link(id, body.channelId(), Actors.current().orElseThrow());
        return new ChannelLink(body.channelId().strip());
    }

    @GetMapping
    @Operation(summary = "The incident's Slack channel (null when none is linked)")
    ChannelLink get(@PathVariable long id) {
        return new ChannelLink(
                channels.channelOf(id, Actors.current().orElseThrow()).orElse(null));
    }
}
