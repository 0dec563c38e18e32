package dev.cairn.slack.internal;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import dev.cairn.slack.SlackSettings;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Cairn's calls to the Slack Web API, with the bot token, at the configured base URL. */
@Component
public class SlackApi implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);

    /** A Slack member as Cairn needs them: e-mail (when the scope allows) and a name to show. */
    public record Member(String id, String email, String name) {}

    /** Cairn's own bot, to ignore its own messages. */
    public record Self(String userId, String botId) {}

    /**
     * How long a call made while Slack waits for a slash command's answer (three seconds) may
     * take, connecting included.
     */
    static final int QUICK_MILLIS = 1500;

    private final SlackSettings settings;
    private final Slack slack;
    private final Slack quick;
    private volatile Self self;

    SlackApi(SlackSettings settings) {
        this.settings = settings;
        this.slack = Slack.getInstance(config(settings, null));
        this.quick = Slack.getInstance(config(settings, QUICK_MILLIS));
    }

    private static SlackConfig config(SlackSettings settings, Integer timeoutMillis) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setPrettyResponseLoggingEnabled(false);
        if (timeoutMillis != null) {
            config.setHttpClientCallTimeoutMillis(timeoutMillis);
            config.setHttpClientReadTimeoutMillis(timeoutMillis);
            config.setHttpClientWriteTimeoutMillis(timeoutMillis);
        }
        return config;
    }

    private MethodsClient methods() {
        return slack.methods(settings.botToken());
    }

    private MethodsClient quick() {
        return quick.methods(settings.botToken());
    }

    public Optional<Member> member(String userId) {
        return member(userId, false);
    }

    /**
     * A member (users.info), with {@code quick} given {@link #QUICK_MILLIS} at most, as a call
     * made while Slack waits for a command's answer must be.
     */
    public Optional<Member> member(String userId, boolean quick) {
        try {
            UsersInfoResponse info = (quick ? quick() : methods()).usersInfo(r -> r.user(userId));
            if (!info.isOk() || info.getUser() == null) {
                log.warn("slack users.info failed user={} error={}", userId, info.getError());
                return Optional.empty();
            }
            var user = info.getUser();
            var profile = user.getProfile();
            String name = profile != null && notBlank(profile.getDisplayName())
                    ? profile.getDisplayName()
                    : notBlank(user.getRealName()) ? user.getRealName() : user.getName();
            return Optional.of(new Member(userId, profile == null ? null : profile.getEmail(), name));
        } catch (IOException | SlackApiException | RuntimeException e) {
            log.warn("slack users.info failed user={} error={}", userId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The members of a Slack user group (usergroups.users.list, Tier 2, scope {@code
     * usergroups:read}), asked within a slash command's request and so given {@link #QUICK_MILLIS}
     * at most; empty when Slack did not answer in time or refused (no scope, no such group).
     */
    public Optional<List<String>> groupMembers(String groupId) {
        try {
            var answer = quick().usergroupsUsersList(r -> r.usergroup(groupId));
            if (!answer.isOk() || answer.getUsers() == null) {
                log.warn("slack usergroups.users.list failed group={} error={}", groupId, answer.getError());
                return Optional.empty();
            }
            return Optional.of(List.copyOf(answer.getUsers()));
        } catch (IOException | SlackApiException | RuntimeException e) {
            log.warn("slack usergroups.users.list failed group={} error={}", groupId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Opens a modal at once (views.open): the trigger expires three seconds after the user acted,
     * so this call cannot wait in the outbox. Answers Slack's error, or empty when it opened.
     */
    public Optional<String> openView(String triggerId, String viewJson) {
        try {
            var answer = methods().viewsOpen(r -> r.triggerId(triggerId).viewAsString(viewJson));
            if (!answer.isOk()) {
                log.warn("slack views.open failed error={}", answer.getError());
                return Optional.of(answer.getError() == null ? "unknown_error" : answer.getError());
            }
            return Optional.empty();
        } catch (IOException | SlackApiException e) {
            log.warn("slack views.open failed error={}", e.toString());
            return Optional.of(e.getClass().getSimpleName());
        }
    }

    /** Who Cairn's bot is (auth.test), asked once. */
    public Optional<Self> self() {
        Self known = self;
        if (known != null) {
            return Optional.of(known);
        }
        try {
            var auth = methods().authTest(r -> r);
            if (!auth.isOk()) {
                log.warn("slack auth.test failed error={}", auth.getError());
                return Optional.empty();
            }
            self = new Self(auth.getUserId(), auth.getBotId());
            return Optional.of(self);
        } catch (IOException | SlackApiException e) {
            log.warn("slack auth.test failed error={}", e.toString());
            return Optional.empty();
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void destroy() throws Exception {
        slack.close();
        quick.close();
    }
}
