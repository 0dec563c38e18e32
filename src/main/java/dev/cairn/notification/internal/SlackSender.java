package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import dev.cairn.notification.SlackTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Slack's way out: the Slack app makes the call; without it a Slack delivery fails with the reason. */
@Component
class SlackSender implements Sender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectProvider<SlackTransport> transport;

    SlackSender(ObjectProvider<SlackTransport> transport) {
        this.transport = transport;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public SendResult send(Outgoing message) {
        SlackTransport slack = transport.getIfAvailable();
        if (slack == null) {
            return SendResult.fail("Slack is not part of this Cairn");
        }
        String method = null;
        String args = null;
        if (message.request() != null) {
            JsonNode request = JSON.readTree(message.request());
            method = request.path("method").asString();
            args = JSON.writeValueAsString(request.path("args"));
        }
        SlackTransport.Result result = slack.call(new SlackTransport.Call(
                message.deliveryId(),
                message.topic(),
                message.kind(),
                message.target(),
                method,
                args,
                message.subject(),
                message.text(),
                message.link(),
                message.actionUrl(),
                message.actionLabel()));
        return switch (result.status()) {
            case SENT -> SendResult.sent(result.detail());
            case RETRY -> SendResult.retry(result.detail());
            case WAIT -> SendResult.waitUntil(result.retryAt(), result.detail());
            case FINAL -> SendResult.fail(result.detail());
        };
    }
}
