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
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^[A-Z0-9]+(?:\\|([^>]*))?>");
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

    /**
     * The author of a command, click or message. Asking Slack (users.info) gets {@link
     * SlackApi#QUICK_MILLIS} at most: every caller answers a Slack request that Slack gives up on
     * after three seconds, and a name falls back to the Slack id when Slack is slow.
     */
    public Author author(String slackId) {
        return author(slackId, true);
    }

    /**
     * The author, asking Slack (users.info) only when the Slack id is not on a Cairn profile and,
     * with {@code quick}, giving Slack {@link SlackApi#QUICK_MILLIS} at most; or empty when Slack
     * would have to be asked and {@code ask} is false (no time left).
     */
    public Optional<Author> authorIfQuick(String slackId, boolean ask) {
        Optional<UserView> byId = users.findBySlackId(slackId);
        if (byId.isPresent()) {
            return Optional.of(new Author(slackId, byId, byId.get().name()));
        }
        return ask ? Optional.of(author(slackId, true)) : Optional.empty();
    }

    private Author author(String slackId, boolean quick) {
        Optional<UserView> byId = users.findBySlackId(slackId);
        if (byId.isPresent()) {
            return new Author(slackId, byId, byId.get().name());
        }
        Optional<SlackApi.Member> member = api.member(slackId, quick);
        Optional<UserView> byEmail = member.map(SlackApi.Member::email)
                .filter(e -> !e.isBlank())
                .flatMap(users::findByEmail)
                .filter(UserView::active);
        String name = byEmail.map(UserView::name)
                .orElse(member.map(SlackApi.Member::name).orElse(slackId));
        return new Author(slackId, byEmail, name);
    }

    /** The member ids of a Slack user group, or empty when Slack could not say in time. */
    public Optional<java.util.List<String>> groupMembers(String groupId) {
        return api.groupMembers(groupId);
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
        String result = GROUP.matcher(out.toString())
                .replaceAll(r -> Matcher.quoteReplacement(
                        r.group(1) == null || r.group(1).isBlank() ? "@group" : r.group(1)));
        result = CHANNEL.matcher(result).replaceAll(r -> Matcher.quoteReplacement("#" + r.group(1)));
        result = LINK.matcher(result)
                .replaceAll(r -> Matcher.quoteReplacement(
                        r.group(2) == null ? r.group(1) : r.group(2) + " (" + r.group(1) + ")"));
        return result.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
