package dev.cairn.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a signing secret and bot token Cairn runs normally and says Slack is not configured. */
class SlackNotConfiguredTest extends IntegrationTest {

    @Test
    void slackEndpointsAndTheAdminPageSayNotConfigured() {
        SignedSlack slack = new SignedSlack(port, "any-secret");
        for (String path : new String[] {"/slack/events", "/slack/commands", "/slack/interactions"}) {
            HttpResponse<String> answer = slack.send(path, "application/json", "{}", clock.instant(), Map.of());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("Slack is not configured");
        }

        Browser browser = new Browser(port);
        browser.signIn("admin@cairn.test", ADMIN_PASSWORD);
        String page = browser.get("/admin/slack").body();
        assertThat(page).contains("Slack is not configured").contains("CAIRN_SLACK_SIGNING_SECRET");
        assertThat(browser.get("/incidents").body()).contains("href=\"/admin/slack\"");
    }
}
