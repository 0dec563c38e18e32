package dev.cairn.slack.web;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SlackFormTest {

    @Test
    void readsASlashCommandBodyAsSlackSendsIt() {
        var form = SlackEndpoints.form("token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&channel_id=C2147483705"
                + "&user_id=U2147483697&command=%2Fincident&text=severity+SEV2&response_url=https%3A%2F%2Fhooks.slack.com"
                + "%2Fcommands%2F1234%2F5678");
        assertThat(form)
                .containsEntry("command", "/incident")
                .containsEntry("text", "severity SEV2")
                .containsEntry("response_url", "https://hooks.slack.com/commands/1234/5678");
    }

    @Test
    void keepsAMalformedEscapeAsWritten() {
        assertThat(SlackEndpoints.form("text=100%zz&&=x&flag"))
                .containsEntry("text", "100%zz")
                .containsEntry("flag", "");
    }

    @Property
    void anyBodyIsReadWithoutFailing(@ForAll String body) {
        assertThat(SlackEndpoints.form(body)).isNotNull();
    }
}
