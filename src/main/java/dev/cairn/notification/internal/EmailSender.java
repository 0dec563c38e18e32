package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Plain-text e-mail through Spring Mail. Without SMTP settings Boot makes no {@link JavaMailSender},
 * and each e-mail fails with the reason and the fix instead of vanishing.
 */
@Component
class EmailSender implements Sender {

    static final String NOT_CONFIGURED = "e-mail is not configured: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT,"
            + " SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD as your mail server needs) and restart Cairn";

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final String settingsUrl;

    EmailSender(
            ObjectProvider<JavaMailSender> mail,
            @Value("${cairn.mail.from:cairn@localhost}") String from,
            @Value("${cairn.base-url:http://localhost:8080}") String baseUrl) {
        this.mail = mail;
        this.from = from;
        this.settingsUrl = BaseUrl.absolute(baseUrl, "/account/notifications");
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendResult send(Outgoing message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return SendResult.fail(NOT_CONFIGURED);
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(message.target());
            helper.setSubject(message.subject());
            helper.setText(body(message, settingsUrl));
            mime.setHeader("X-Cairn-Topic", message.topic());
            mime.setHeader("X-Cairn-Delivery", String.valueOf(message.deliveryId()));
            sender.send(mime);
            return SendResult.sent("accepted by the mail server");
        } catch (MailAuthenticationException e) {
            return SendResult.retry("the mail server refused Cairn's login (check SPRING_MAIL_USERNAME and"
                    + " SPRING_MAIL_PASSWORD): " + reason(e));
        } catch (MailSendException e) {
            return SendResult.retry("the mail server did not take it: " + reason(e));
        } catch (MessagingException | MailException e) {
            return SendResult.fail("the e-mail could not be written: " + reason(e));
        }
    }

    /** The text of the e-mail: the notice, then its links on lines of their own so mail apps link them. */
    static String body(Outgoing message, String settingsUrl) {
        StringBuilder text = new StringBuilder();
        if (!message.text().isBlank()) {
            text.append(message.text()).append("\n\n");
        }
        if (message.actionUrl() != null) {
            text.append(message.actionLabel())
                    .append(": ")
                    .append(message.actionUrl())
                    .append('\n');
        }
        if (message.link() != null) {
            text.append(message.personal() ? "Open in Cairn: " : "More: ")
                    .append(message.link())
                    .append('\n');
        }
        if (message.personal()) {
            text.append("\n-- \nCairn sent this because of your notification settings: ")
                    .append(settingsUrl)
                    .append('\n');
        }
        return text.toString();
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.strip();
    }
}
