package dev.warden.server.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.warden.server.shared.Shutdowns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers the outbox: the job {@code outbox-delivery} every poll interval, and at once on the node that
 * queued a message. Each row is claimed before it is sent; a failure is tried again after an
 * exponentially growing pause with jitter (1 minute, 2, 4, … up to 6 hours) and dead after the last
 * attempt; a row whose node died while sending goes back to the queue. Delivery is at least once: a
 * node killed between the SMTP server's acceptance and recording it sends that message again, with the
 * same Message-ID.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxWorker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    private static final Duration LONGEST_PAUSE = Duration.ofHours(6);
    /** Waiting for a mail server to be configured is not an attempt; look again this much later. */
    private static final Duration UNCONFIGURED_PAUSE = Duration.ofHours(1);

    private final OutboxRows rows;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final List<OutboxChannel> others;
    private final Clock clock;
    private final boolean enabled;
    private final int maxAttempts;
    private final Duration pollInterval;
    private final Duration staleAfter;
    private final String node = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
    private final ReentrantLock working = new ReentrantLock();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-outbox");
        t.setDaemon(true);
        return t;
    });

    OutboxWorker(
            OutboxRows rows,
            MailChannel mail,
            WebhookChannel webhooks,
            List<OutboxChannel> others,
            Clock clock,
            @Value("${warden.jobs.enabled:true}") boolean enabled,
            @Value("${warden.notifications.max-attempts:10}") int maxAttempts,
            @Value("${warden.notifications.poll-interval:5s}") Duration pollInterval,
            @Value("${warden.notifications.stale-after:5m}") Duration staleAfter) {
        this.rows = rows;
        this.mail = mail;
        this.webhooks = webhooks;
        this.others = List.copyOf(others);
        this.clock = clock;
        this.enabled = enabled;
        this.maxAttempts = maxAttempts;
        this.pollInterval = pollInterval;
        this.staleAfter = staleAfter;
    }

    @Bean
    RecurringTask<Void> outboxDelivery() {
        return Tasks.recurring("outbox-delivery", FixedDelay.of(pollInterval))
                .execute((instance, context) -> deliverDue());
    }

    /** Queued on this node: deliver now rather than at the next poll (when background work is on). */
    @TransactionalEventListener(fallbackExecution = true)
    void queued(Outbox.Queued event) {
        if (enabled && pending.compareAndSet(false, true)) {
            nudges.submit(() -> {
                pending.set(false);
                try {
                    deliverDue();
                } catch (RuntimeException e) {
                    log.warn("delivering the outbox failed; the scheduled job will try again", e);
                }
            });
        }
    }

    /** Delivers every due message; returns how many were sent. One round at a time on this node. */
    public int deliverDue() {
        if (!working.tryLock()) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            int released = rows.releaseStale(now.minus(staleAfter));
            if (released > 0) {
                log.info("{} messages claimed by a node that stopped are queued again", released);
            }
            int sent = 0;
            while (true) {
                var due = rows.due(clock.instant(), 100);
                if (due.isEmpty()) {
                    return sent;
                }
                for (long id : due) {
                    if (rows.claim(id, node, clock.instant())) {
                        sent += deliver(id) ? 1 : 0;
                    }
                }
            }
        } finally {
            working.unlock();
        }
    }

    private boolean deliver(long id) {
        OutboxRows.Row row = rows.find(id).orElseThrow();
        boolean email = row.channel().equals(Outbox.Channel.EMAIL.name());
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        try {
            Integer status = null;
            if (email) {
                mail.send(row);
            } else if (row.channel().equals(Outbox.Channel.WEBHOOK.name())) {
                status = webhooks.send(row);
            } else {
                status = other(row)
                        .deliver(new Outbox.Parcel(
                                row.id(),
                                row.idempotencyKey(),
                                row.event(),
                                row.recipient(),
                                row.bodyText(),
                                row.attempts()));
            }
            boolean caught = email && mail.catches();
            rows.logAttempt(
                    id,
                    started,
                    caught ? "CAUGHT" : "SENT",
                    status,
                    caught ? "kept by the demo's mail catcher (/mail), not sent" : null,
                    millisSince(t0));
            rows.sent(id, node, clock.instant());
            return true;
        } catch (NotSent e) {
            rows.logAttempt(id, started, "FAILED", e.status, e.getMessage(), millisSince(t0));
            if (email && !mail.configured()) {
                rows.failed(
                        id,
                        node,
                        String.valueOf(e.getMessage()),
                        clock.instant().plus(UNCONFIGURED_PAUSE),
                        false);
                return false;
            }
            if (e.retry && e.retryAfter != null) {
                // Asked to slow down (429, or 503 with Retry-After): wait as told; not a failed attempt,
                // so a long rate-limit storm never kills a message.
                rows.failed(
                        id,
                        node,
                        String.valueOf(e.getMessage()),
                        clock.instant().plus(e.retryAfter),
                        false);
                return false;
            }
            int attempts = row.attempts() + 1;
            Instant next = e.retry && attempts < maxAttempts ? clock.instant().plus(pause(attempts)) : null;
            rows.failed(id, node, String.valueOf(e.getMessage()), next, true);
            if (next == null) {
                log.warn(
                        "message {} to {} is dead after {} attempts: {}",
                        id,
                        row.recipient(),
                        attempts,
                        e.getMessage());
            }
            return false;
        } catch (RuntimeException e) {
            rows.logAttempt(id, started, "FAILED", null, "unexpected: " + e, millisSince(t0));
            rows.failed(id, node, "unexpected: " + e, clock.instant().plus(pause(row.attempts() + 1)), true);
            log.error("delivering message {} failed", id, e);
            return false;
        }
    }

    private OutboxChannel other(OutboxRows.Row row) throws NotSent {
        for (OutboxChannel c : others) {
            if (c.channel().name().equals(row.channel())) {
                return c;
            }
        }
        throw new NotSent("no channel delivers " + row.channel() + " messages on this node", true);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The pause after the {@code attempts}-th failure: doubling from a minute, at most six hours, ±20 %. */
    static Duration pause(int attempts) {
        long base = FIRST_PAUSE.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, LONGEST_PAUSE.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * jitter));
    }

    @Override
    public void destroy() {
        Shutdowns.gently(nudges, java.time.Duration.ofSeconds(10));
    }
}
