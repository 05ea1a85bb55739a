package dev.warden.server.notifications;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: a message is written in the caller's transaction (so it exists exactly when
 * the change that causes it does) and delivered afterwards by the outbox job. The same key is queued
 * once per recipient, however often the cause is seen.
 */
@Service
public class Outbox {
    /** Where a message goes. */
    public enum Channel {
        EMAIL,
        /** A signed HTTP POST to a webhook endpoint; the recipient is {@code webhook:<endpoint id>}. */
        WEBHOOK,
        /** A ticket pushed to its Jira issue; the recipient is {@code jira:<ticket key>}. */
        JIRA
    }

    /**
     * A message as a channel other than mail and webhooks gets it to deliver.
     *
     * @param attempts the attempts made before this one
     */
    public record Parcel(long id, String key, String event, String recipient, String text, int attempts) {}

    /**
     * A message to queue.
     *
     * @param key identifies the notice (for example {@code reminder:AMS-12:7}); with the recipient, what
     *     keeps it from being sent twice
     * @param event what happened, for lists and settings ({@code TICKET_ASSIGNED})
     * @param partner whose business it is, if a partner's
     * @param link the page it is about, absolute
     * @param held kept for the recipient's daily digest instead of delivered now
     */
    public record Message(
            String key,
            Channel channel,
            String event,
            @Nullable String partner,
            List<String> recipients,
            String subject,
            String text,
            @Nullable String html,
            @Nullable String link,
            boolean held) {
        /** A message to deliver now. */
        public Message(
                String key,
                Channel channel,
                String event,
                @Nullable String partner,
                List<String> recipients,
                String subject,
                String text,
                @Nullable String html,
                @Nullable String link) {
            this(key, channel, event, partner, recipients, subject, text, html, link, false);
        }

        public Message {
            recipients = List.copyOf(recipients);
            subject = subject.length() > 300 ? subject.substring(0, 299) + "…" : subject;
        }
    }

    /** A queued message as the outbox page and API show it. */
    public record Delivery(
            long id,
            String channel,
            String event,
            @Nullable String partner,
            String recipient,
            String subject,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            @Nullable Instant sentAt,
            @Nullable String lastError,
            @Nullable String link) {
        static Delivery of(OutboxRows.Row r) {
            return new Delivery(
                    r.id(),
                    r.channel(),
                    r.event(),
                    r.partnerId(),
                    r.recipient(),
                    r.subject(),
                    r.status(),
                    r.attempts(),
                    Objects.requireNonNull(Timestamps.instant(r.createdAt())),
                    Objects.requireNonNull(Timestamps.instant(r.nextAttemptAt())),
                    Timestamps.instant(r.sentAt()),
                    r.lastError(),
                    r.link());
        }
    }

    /** One delivery attempt of a message. */
    public record Attempt(
            Instant at,
            String outcome,
            @Nullable Integer statusCode,
            @Nullable String detail,
            long durationMs) {}

    /** A message with every attempt to deliver it. */
    @Schema(name = "OutboxMessageDetail")
    public record Detail(Delivery message, List<Attempt> attempts) {}

    /** Published after a message was queued, so the delivering job looks at once. */
    record Queued() {}

    private final OutboxRows rows;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Outbox(OutboxRows rows, ApplicationEventPublisher events, Clock clock) {
        this.rows = rows;
        this.events = events;
        this.clock = clock;
    }

    /** Queues the message to each recipient not sent it before; returns how many were queued. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int enqueue(Message message) {
        Instant now = clock.instant();
        int queued = 0;
        for (String recipient : message.recipients().stream().distinct().toList()) {
            if (rows.insert(message, recipient, now)) {
                queued++;
            }
        }
        if (queued > 0) {
            events.publishEvent(new Queued());
        }
        return queued;
    }

    /** Messages, newest first: a partner's actor sees only its own partner's. */
    @Transactional(readOnly = true)
    public Page<Delivery> list(@Nullable String status, Paging paging, Actor actor) {
        PartnerScope scope = PartnerScope.of(null, actor);
        String partner = scope.value();
        return Page.of(
                rows.list(partner, status, paging.size(), paging.offset()).stream()
                        .map(Delivery::of)
                        .toList(),
                paging,
                rows.count(partner, status));
    }

    /** A mail with its words, as the demo's mail catcher shows it. */
    public record Mail(Delivery delivery, String text) {}

    /** Mails, newest first, with their text: a partner's actor sees only its own partner's. */
    @Transactional(readOnly = true)
    public Page<Mail> mails(Paging paging, Actor actor) {
        String partner = PartnerScope.of(null, actor).value();
        return Page.of(
                rows.mails(partner, paging.size(), paging.offset()).stream()
                        .map(r -> new Mail(Delivery.of(r), r.bodyText()))
                        .toList(),
                paging,
                rows.countMails(partner));
    }

    /** One message with its attempts; not found when there is none. */
    @Transactional(readOnly = true)
    public Detail detail(long id) {
        OutboxRows.Row row = rows.find(id).orElseThrow(() -> new NotFoundException("outbox message " + id));
        return new Detail(
                Delivery.of(row),
                rows.attempts(id).stream()
                        .map(a -> new Attempt(
                                Objects.requireNonNull(Timestamps.instant(a.attemptedAt())),
                                a.outcome(),
                                a.statusCode(),
                                a.detail(),
                                a.durationMs()))
                        .toList());
    }

    /** How many messages of a channel wait to be delivered (pending, or being sent now). */
    @Transactional(readOnly = true)
    public long backlog(Channel channel) {
        return rows.backlog(channel.name(), null);
    }

    /** Whether a message to this recipient waits to be delivered. */
    @Transactional(readOnly = true)
    public boolean waiting(Channel channel, String recipient) {
        return rows.backlog(channel.name(), recipient) > 0;
    }

    /** Messages to one recipient, newest first. */
    @Transactional(readOnly = true)
    public Page<Delivery> toRecipient(String recipient, Paging paging) {
        return Page.of(
                rows.toRecipient(recipient, paging.size(), paging.offset()).stream()
                        .map(Delivery::of)
                        .toList(),
                paging,
                rows.countToRecipient(recipient));
    }

    /** Sends a failed or waiting message again now; false when it was sent already or is being sent. */
    @Transactional
    public boolean retry(long id) {
        boolean again = rows.retry(id, clock.instant());
        if (again) {
            events.publishEvent(new Queued());
        }
        return again;
    }
}
