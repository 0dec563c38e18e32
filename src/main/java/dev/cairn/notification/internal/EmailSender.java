package dev.cairn.notification.internal;

import dev.cairn.notification.Channel;
import dev.cairn.shared.Markdown;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * E-mail through Spring Mail: plain text, and for notices whose text is Markdown (audience updates,
 * written from Markdown templates) an HTML alternative rendered from it, so an executive reads
 * headings, lists and links rather than asterisks. Without SMTP settings Boot makes no {@link
 * JavaMailSender}, and each e-mail fails with the reason and the fix instead of vanishing.
 */
@Component
class EmailSender implements Sender {

    /** Kinds of notice whose text is Markdown written by people. */
    static final Set<String> MARKDOWN_KINDS = Set.of("audience-update");

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
            boolean markdown = MARKDOWN_KINDS.contains(message.kind());
            MimeMessageHelper helper = new MimeMessageHelper(mime, markdown, "UTF-8");
            helper.setFrom(from);
            helper.setTo(message.target());
            helper.setSubject(message.subject());
            if (markdown) {
                helper.setText(body(message, settingsUrl), html(message, settingsUrl));
            } else {
                helper.setText(body(message, settingsUrl));
            }
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

    /** The HTML alternative: the Markdown rendered and sanitised, then the same links as the text. */
    static String html(Outgoing message, String settingsUrl) {
        StringBuilder html = new StringBuilder(
                "<!DOCTYPE html><html><body style=\"font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,"
                        + "sans-serif;font-size:15px;line-height:1.5;color:#212529\">");
        html.append(Markdown.toHtml(message.text()));
        if (message.actionUrl() != null) {
            html.append("<p><a href=\"")
                    .append(HtmlUtils.htmlEscape(message.actionUrl()))
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(message.actionLabel()))
                    .append("</a></p>");
        }
        if (message.link() != null) {
            html.append("<p><a href=\"")
                    .append(HtmlUtils.htmlEscape(message.link()))
                    .append("\">")
                    .append(message.personal() ? "Open in Cairn" : "More")
                    .append("</a></p>");
        }
        if (message.personal()) {
            html.append("<p style=\"color:#6c757d;font-size:13px\">Cairn sent this because of your <a href=\"")
                    .append(HtmlUtils.htmlEscape(settingsUrl))
                    .append("\">notification settings</a>.</p>");
        }
        return html.append("</body></html>").toString();
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
