package dev.cairn.action.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How Cairn reaches the issue trackers, from properties (or {@code CAIRN_TRACKERS_*} environment
 * variables). Tokens live only here, never in the database or on a page.
 */
@Component
public class TrackerSettings {

    public static final String GITHUB = "github";
    public static final String JIRA = "jira";
    public static final String LINEAR = "linear";

    private final String githubApiUrl;
    private final String githubToken;
    private final String jiraUrl;
    private final String jiraEmail;
    private final String jiraToken;
    private final String jiraIssueType;
    private final String linearApiUrl;
    private final String linearApiKey;
    private final Duration httpTimeout;
    private final String markerPrefix;
    private final int pollBatch;

    TrackerSettings(
            @Value("${cairn.trackers.github.api-url:https://api.github.com}") String githubApiUrl,
            @Value("${cairn.trackers.github.token:}") String githubToken,
            @Value("${cairn.trackers.jira.url:}") String jiraUrl,
            @Value("${cairn.trackers.jira.email:}") String jiraEmail,
            @Value("${cairn.trackers.jira.api-token:}") String jiraToken,
            @Value("${cairn.trackers.jira.issue-type:Task}") String jiraIssueType,
            @Value("${cairn.trackers.linear.api-url:https://api.linear.app}") String linearApiUrl,
            @Value("${cairn.trackers.linear.api-key:}") String linearApiKey,
            @Value("${cairn.trackers.http-timeout:PT10S}") Duration httpTimeout,
            @Value("${cairn.trackers.marker-prefix:cairn-action}") String markerPrefix,
            @Value("${cairn.trackers.poll-batch:50}") int pollBatch) {
        this.githubApiUrl = stripSlash(githubApiUrl);
        this.githubToken = githubToken.strip();
        this.jiraUrl = stripSlash(jiraUrl);
        this.jiraEmail = jiraEmail.strip();
        this.jiraToken = jiraToken.strip();
        this.jiraIssueType = jiraIssueType;
        this.linearApiUrl = stripSlash(linearApiUrl);
        this.linearApiKey = linearApiKey.strip();
        this.httpTimeout = httpTimeout;
        this.markerPrefix = markerPrefix;
        this.pollBatch = pollBatch;
    }

    public boolean githubConfigured() {
        return !githubToken.isEmpty() && !githubApiUrl.isEmpty();
    }

    public boolean jiraConfigured() {
        return !jiraUrl.isEmpty() && !jiraEmail.isEmpty() && !jiraToken.isEmpty();
    }

    public boolean linearConfigured() {
        return !linearApiKey.isEmpty() && !linearApiUrl.isEmpty();
    }

    public boolean configured(String tracker) {
        return switch (tracker == null ? "" : tracker) {
            case GITHUB -> githubConfigured();
            case JIRA -> jiraConfigured();
            case LINEAR -> linearConfigured();
            default -> false;
        };
    }

    public String linearApiUrl() {
        return linearApiUrl;
    }

    String linearApiKey() {
        return linearApiKey;
    }

    public String githubApiUrl() {
        return githubApiUrl;
    }

    String githubToken() {
        return githubToken;
    }

    public String jiraUrl() {
        return jiraUrl;
    }

    public String jiraEmail() {
        return jiraEmail;
    }

    String jiraToken() {
        return jiraToken;
    }

    String jiraIssueType() {
        return jiraIssueType;
    }

    Duration httpTimeout() {
        return httpTimeout;
    }

    public int pollBatch() {
        return pollBatch;
    }

    /** Cairn's idempotency key for one item, written into its issue. */
    public String marker(long actionId) {
        return markerPrefix + "-" + actionId;
    }

    private static String stripSlash(String url) {
        String value = url == null ? "" : url.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
