package dev.cairn.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.notification.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class EmailSenderTest {

    private static final Outgoing MESSAGE = new Outgoing(
            9,
            "page",
            "page:1",
            Channel.EMAIL,
            "ada@example.com",
            null,
            "Payments API is down",
            "Error rate 12%",
            "https://cairn.example/alerts/1",
            "https://cairn.example/ack/1",
            "Acknowledge",
            Instant.parse("2026-03-01T10:00:00Z"),
            true,
            null);

    @Test
    void withoutSmtpSettingsAnEmailFailsWithTheReasonAndTheFix() {
        EmailSender sender = new EmailSender(
                new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class),
                "cairn@localhost",
                "https://cairn.example/");

        SendResult result = sender.send(MESSAGE);

        assertThat(result.kind()).isEqualTo(SendResult.Kind.FINAL);
        assertThat(result.outcome()).isEqualTo("failed");
        assertThat(result.detail()).startsWith("e-mail is not configured: set SPRING_MAIL_HOST");
    }

    @Test
    void theBodyCarriesTheTextTheActionAndTheLinkOnLinesOfTheirOwn() {
        assertThat(EmailSender.body(MESSAGE, "https://cairn.example/account/notifications"))
                .isEqualTo("Error rate 12%\n\n"
                        + "Acknowledge: https://cairn.example/ack/1\n"
                        + "Open in Cairn: https://cairn.example/alerts/1\n"
                        + "\n-- \nCairn sent this because of your notification settings:"
                        + " https://cairn.example/account/notifications\n");
    }
}
