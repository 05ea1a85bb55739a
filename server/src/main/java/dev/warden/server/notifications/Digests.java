package dev.warden.server.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily digest (job {@code notification-digest}, daily at {@code warden.notifications.digest-time},
 * 07:00 UTC): for each recipient with notices held, one mail listing them with their links; the held
 * notices become DIGESTED. Written in one transaction, so a digest and the notices it lists change
 * state together.
 */
@Configuration(proxyBeanMethods = false)
class Digests {
    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    private static final DateTimeFormatter WHEN = Mailer.WHEN;

    private final OutboxRows rows;
    private final Outbox outbox;
    private final Clock clock;
    private final String base;

    Digests(OutboxRows rows, Outbox outbox, Mailer mailer, Clock clock) {
        this.rows = rows;
        this.outbox = outbox;
        this.clock = clock;
        this.base = mailer.base();
    }

    @Bean
    RecurringTask<Void> notificationDigest(@Value("${warden.notifications.digest-time:07:00}") LocalTime at) {
        return Tasks.recurring("notification-digest", Schedules.daily(ZoneOffset.UTC, at))
                .execute((instance, context) -> {
                    int sent = send();
                    if (sent > 0) {
                        log.info("queued {} daily digests", sent);
                    }
                });
    }

    /** Queues one digest per recipient with held notices; returns how many digests were queued. */
    @Transactional
    public int send() {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int queued = 0;
        for (String recipient : rows.heldRecipients()) {
            List<OutboxRows.Row> held = rows.held(recipient);
            if (held.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            text.append("Your Warden digest of ")
                    .append(day)
                    .append(": ")
                    .append(held.size())
                    .append(held.size() == 1 ? " notice" : " notices")
                    .append(" since the last one.\n\n");
            @Nullable String partner = held.get(0).partnerId();
            for (OutboxRows.Row r : held) {
                text.append("- ").append(r.subject()).append('\n');
                text.append("  ")
                        .append(WHEN.format(
                                Objects.requireNonNull(r.createdAt()).toInstant()));
                if (r.link() != null) {
                    text.append(" · ").append(r.link());
                }
                text.append('\n');
                if (!Objects.equals(partner, r.partnerId())) {
                    partner = null;
                }
            }
            text.append("\n-- \nYou receive reminders as one daily digest, as your notification settings ask (" + base
                    + "/settings/notifications). Every other security notice is sent at once.\n");
            long last = held.get(held.size() - 1).id();
            queued += outbox.enqueue(new Outbox.Message(
                    "digest:" + day + ":" + last,
                    Outbox.Channel.EMAIL,
                    "DIGEST",
                    partner,
                    List.of(recipient),
                    "[Warden] Daily digest: " + held.size() + (held.size() == 1 ? " notice" : " notices"),
                    text.toString(),
                    null,
                    base + "/"));
            rows.digested(held.stream().map(OutboxRows.Row::id).toList(), now);
        }
        return queued;
    }
}
