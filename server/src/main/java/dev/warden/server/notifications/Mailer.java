package dev.warden.server.notifications;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.server.catalog.Partners;
import dev.warden.server.identity.User;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.shared.Versioned;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Queues the notices' mails and events: to a partner's security contacts, or to the operator's people in
 * a role (the role's mailbox from the settings, and every enabled person in the role whose user name is
 * an email address); and the same event to the webhook endpoints listening for it. A notice that cannot
 * be queued is logged and never undoes the change that caused it.
 */
@Component
class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    /** How notices write an instant: {@code 2026-11-30 09:00 UTC}. */
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    private final Webhooks webhooks;
    private final Partners partners;
    private final Users users;
    private final NotificationSettings settings;
    private final String base;
    private final List<String> approvers;
    private final List<String> analysts;
    private final MailTemplates templates = new MailTemplates();

    Mailer(
            Outbox outbox,
            Webhooks webhooks,
            Partners partners,
            Users users,
            NotificationSettings settings,
            @Value("${warden.public-url:http://localhost:8080}") String base,
            @Value("${warden.notifications.approvers:}") String approvers,
            @Value("${warden.notifications.analysts:}") String analysts) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.partners = partners;
        this.users = users;
        this.settings = settings;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.approvers = addresses(approvers);
        this.analysts = addresses(analysts);
    }

    private static List<String> addresses(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(a -> a.contains("@"))
                .toList();
    }

    /** Warden's address, for links. */
    String base() {
        return base;
    }

    /** Mails the partner's security contacts; returns how many were queued. */
    int toPartner(
            String key,
            String event,
            PartnerId partnerId,
            String subject,
            String template,
            Map<String, Object> values,
            String path) {
        try {
            Partner partner = partners.find(partnerId).map(Versioned::value).orElse(null);
            if (partner == null) {
                return 0;
            }
            values.put("partner", partner.name());
            List<String> to = partner.securityContacts().stream()
                    .map(SecurityContact::email)
                    .toList();
            if (to.isEmpty()) {
                return 0; // CONTACT-MISSING is the violation for that; nobody to tell here
            }
            String why = "You receive this as a security contact of " + partner.name() + " in the operator's"
                    + " marketplace security program. Security notices cannot be switched off.";
            boolean held = NotificationSettings.DIGESTIBLE.contains(event) && settings.digest(partnerId);
            return queue(key, event, partnerId, to, subject, template, values, path, why, held);
        } catch (RuntimeException e) {
            log.error("the {} notice {} could not be queued", event, key, e);
            return 0;
        }
    }

    /** Mails the operator's people in this role; returns how many were queued. */
    int toOperator(
            Role role,
            String key,
            String event,
            @Nullable PartnerId partnerId,
            String subject,
            String template,
            Map<String, Object> values,
            String path) {
        try {
            List<String> to = new ArrayList<>(role == Role.APPROVER ? approvers : analysts);
            for (User u : users.list()) {
                if (u.enabled()
                        && u.partner() == null
                        && u.roles().contains(role)
                        && u.username().contains("@")) {
                    to.add(u.username().toLowerCase(Locale.ROOT));
                }
            }
            if (to.isEmpty()) {
                return 0;
            }
            if (partnerId != null && !values.containsKey("partner")) {
                values.put(
                        "partner",
                        partners.find(partnerId).map(p -> p.value().name()).orElse(partnerId.value()));
            }
            String why = "You receive this as " + (role == Role.APPROVER ? "an approver" : "a security analyst")
                    + " of the operator's marketplace security program in Warden.";
            // No partner on the row: a partner never sees the operator's internal mail.
            boolean held = NotificationSettings.DIGESTIBLE.contains(event) && settings.digest(null);
            return queue(key, event, null, to, subject, template, values, path, why, held);
        } catch (RuntimeException e) {
            log.error("the {} notice {} could not be queued", event, key, e);
            return 0;
        }
    }

    private int queue(
            String key,
            String event,
            @Nullable PartnerId partner,
            List<String> to,
            String subject,
            String template,
            Map<String, Object> values,
            String path,
            String why,
            boolean held) {
        String link = base + path;
        MailTemplates.Mail mail = templates.render(template, values, subject, link, why);
        return outbox.enqueue(new Outbox.Message(
                key,
                Outbox.Channel.EMAIL,
                event,
                partner == null ? null : partner.value(),
                to,
                subject,
                mail.text(),
                mail.html(),
                link,
                held));
    }

    /** Queues the event to the webhook endpoints that listen for it. */
    void announce(String type, PartnerId partner, String key, Map<String, Object> data) {
        try {
            webhooks.publish(type, partner, key, data);
        } catch (RuntimeException e) {
            log.error("the {} event {} could not be queued", type, key, e);
        }
    }
}
