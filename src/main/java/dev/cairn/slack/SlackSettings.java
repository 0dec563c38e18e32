package dev.cairn.slack;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Slack's configuration; Slack is on only when both the signing secret and the bot token are set. */
@Component
public class SlackSettings {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    private final String signingSecret;
    private final String botToken;
    private final String apiUrl;
    private final String starReaction;
    private final boolean channelPerIncident;
    private final boolean archiveOnClose;

    SlackSettings(
            @Value("${cairn.slack.signing-secret:}") String signingSecret,
            @Value("${cairn.slack.bot-token:}") String botToken,
            @Value("${cairn.slack.api-url:" + DEFAULT_API_URL + "}") String apiUrl,
            @Value("${cairn.slack.star-reaction:pushpin}") String starReaction,
            @Value("${cairn.slack.channel-per-incident:true}") boolean channelPerIncident,
            @Value("${cairn.slack.archive-on-close:true}") boolean archiveOnClose) {
        this.archiveOnClose = archiveOnClose;
        this.signingSecret = signingSecret.strip();
        this.botToken = botToken.strip();
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        this.starReaction = starReaction.strip().replace(":", "");
        this.channelPerIncident = channelPerIncident;
    }

    /**
     * Whether every incident declared (in Slack, the web or the API) gets its own Slack channel:
     * on by default once Slack is configured ({@code cairn.slack.channel-per-incident}).
     */
    public boolean channelPerIncident() {
        return configured() && channelPerIncident;
    }

    /**
     * Whether an incident's channel is archived when the incident closes, after a last message
     * saying so ({@code cairn.slack.archive-on-close}, on by default).
     */
    public boolean archiveOnClose() {
        return configured() && archiveOnClose;
    }

    public boolean configured() {
        return !signingSecret.isEmpty() && !botToken.isEmpty();
    }

    public String signingSecret() {
        return signingSecret;
    }

    public String botToken() {
        return botToken;
    }

    public String apiUrl() {
        return apiUrl;
    }

    /** The reaction (without colons) that stars a message as a key moment. */
    public String starReaction() {
        return starReaction;
    }
}
