package dev.warden.server.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends an outbox row as email through the configured SMTP server ({@code spring.mail.*}: host, port,
 * username, password, STARTTLS or SMTPS). The Message-ID comes from the row's idempotency key, so a
 * message delivered twice (its node died between sending and recording) is one message to mail clients.
 */
@Component
class MailChannel {
    private final @Nullable JavaMailSender sender;
    private final String from;
    private final String domain;
    private final boolean catches;

    MailChannel(
            ObjectProvider<JavaMailSender> sender,
            @Value("${warden.mail.from:warden@localhost}") String from,
            @Value("${warden.demo:false}") boolean demo) {
        this.sender = sender.getIfAvailable();
        this.catches = this.sender == null && demo;
        this.from = from;
        this.domain = from.contains("@") ? from.substring(from.indexOf('@') + 1) : "warden";
    }

    boolean configured() {
        return sender != null || catches;
    }

    /**
     * Whether mails are kept by the demo's mail catcher instead of sent: in demo mode without a mail
     * server, so that a person trying Warden reads them on the page {@code /mail}.
     */
    boolean catches() {
        return catches;
    }

    void send(OutboxRows.Row row) throws NotSent {
        JavaMailSender smtp = sender;
        if (catches) {
            return; // the row itself is the caught mail
        }
        if (smtp == null) {
            throw new NotSent("no mail server is configured (spring.mail.host)", true);
        }
        try {
            MimeMessage mime = smtp.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(mime, row.bodyHtml() != null, "UTF-8");
            mail.setFrom(from);
            mail.setTo(row.recipient());
            mail.setSubject(row.subject());
            if (row.bodyHtml() != null) {
                mail.setText(row.bodyText(), row.bodyHtml());
            } else {
                mail.setText(row.bodyText());
            }
            mime.setHeader("X-Warden-Event", row.event());
            mime.setHeader(
                    "Message-ID",
                    "<" + Integer.toHexString(row.idempotencyKey().hashCode()) + "." + row.id() + "@" + domain + ">");
            smtp.send(mime);
        } catch (MessagingException e) {
            throw new NotSent("the message could not be built: " + e.getMessage(), false);
        } catch (MailException e) {
            throw new NotSent("the mail server refused or could not be reached: " + e.getMessage(), true);
        }
    }
}
