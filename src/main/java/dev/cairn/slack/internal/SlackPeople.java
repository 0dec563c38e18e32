package dev.cairn.slack.internal;

import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Who a Slack member is in Cairn: the user whose profile carries that Slack id, else the user with
 * the member's e-mail (users.info), else nobody and only the name shown in Slack.
 */
@Component
public class SlackPeople {

    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern CHANNEL = Pattern.compile("<#[A-Z0-9]+\\|([^>]*)>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]*))?>");

    /** A Slack author: the Cairn user when matched, and the name to show. */
    public record Author(String slackId, Optional<UserView> user, String name) {}

    private final Users users;
    private final SlackApi api;

    SlackPeople(Users users, SlackApi api) {
        this.users = users;
        this.api = api;
    }

    public Author author(String slackId) {
        Optional<UserView> byId = users.findBySlackId(slackId);
        if (byId.isPresent()) {
            return new Author(slackId, byId, byId.get().name());
        }
        Optional<SlackApi.Member> member = api.member(slackId);
        Optional<UserView> byEmail = member.map(SlackApi.Member::email)
                .filter(e -> !e.isBlank())
                .flatMap(users::findByEmail)
                .filter(UserView::active);
        String name = byEmail.map(UserView::name)
                .orElse(member.map(SlackApi.Member::name).orElse(slackId));
        return new Author(slackId, byEmail, name);
    }

    /** Slack mrkdwn made readable: mentions by name, channels by name, links by their label. */
    public String readable(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null && !m.group(2).isBlank()
                    ? m.group(2)
                    : author(m.group(1)).name();
            m.appendReplacement(out, Matcher.quoteReplacement("@" + name));
        }
        m.appendTail(out);
        String result = CHANNEL.matcher(out.toString()).replaceAll(r -> Matcher.quoteReplacement("#" + r.group(1)));
        result = LINK.matcher(result)
                .replaceAll(r -> Matcher.quoteReplacement(
                        r.group(2) == null ? r.group(1) : r.group(2) + " (" + r.group(1) + ")"));
        return result.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
