package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records SLO breaches: one {@link TicketEvent.Breached} for every open ticket past its due date, once per
 * ticket whatever the number of nodes or restarts. A run records them oldest due date first, in
 * transactions of {@value #CHUNK} (each breach's event, audit entry and notices commit together), until
 * none is left or the run's time budget is spent; the next run carries on. So a backlog (a large import,
 * a server stopped for days) is worked through in minutes, while no ticket stays locked for long.
 *
 * <p>A breach recorded more than {@code warden.notifications.overdue-notice-max-age} (7 days) after its
 * due date is recorded all the same (event, audit entry, evaluation) but sends no overdue notice: after
 * importing a marketplace whose tickets went overdue months ago, each partner would otherwise receive
 * one mail and one webhook event per old ticket at once.
 */
@Service
public class BreachRecorder {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BreachRecorder.class);
    public static final int CHUNK = 200;

    private final TicketRows rows;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BreachRows breaches;
    private final TransactionTemplate tx;
    private final Duration budget;
    private final Duration noticeMaxAge;

    BreachRecorder(
            TicketRows rows,
            BreachRows breaches,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions,
            @Value("${warden.jobs.breach-detection-budget:30s}") Duration budget,
            @Value("${warden.notifications.overdue-notice-max-age:7d}") Duration noticeMaxAge) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("warden.jobs.breach-detection-budget must be positive: " + budget);
        }
        if (noticeMaxAge.isNegative()) {
            throw new IllegalArgumentException(
                    "warden.notifications.overdue-notice-max-age must not be negative: " + noticeMaxAge);
        }
        this.noticeMaxAge = noticeMaxAge;
        this.rows = rows;
        this.breaches = breaches;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.budget = budget;
    }

    /** Records the breaches due by now, within the time budget. Returns how many this call recorded. */
    public int detect() {
        Instant now = clock.instant();
        long end = System.nanoTime() + budget.toNanos();
        int recorded = 0;
        int late = 0;
        while (true) {
            int[] chunk = new int[3]; // found, recorded, recorded late
            tx.executeWithoutResult(status -> {
                List<TicketRows.Row> due = breaches.unrecorded(now, CHUNK);
                chunk[0] = due.size();
                for (TicketRows.Row row : due) {
                    record(row, now, chunk);
                }
            });
            recorded += chunk[1];
            late += chunk[2];
            if (chunk[0] < CHUNK || System.nanoTime() - end > 0) {
                if (late > 0) {
                    log.info(
                            "{} of the {} breaches recorded were more than {} past due: recorded without an overdue"
                                    + " notice (warden.notifications.overdue-notice-max-age)",
                            late,
                            recorded,
                            noticeMaxAge);
                }
                return recorded;
            }
        }
    }

    private void record(TicketRows.Row row, Instant now, int[] chunk) {
        TicketKey key = TicketKey.of(row.ticketKey());
        Instant dueAt = row.dueAt().toInstant();
        if (!breaches.claim(key, dueAt)) {
            return; // another node recorded it first
        }
        List<TicketEvent> history = rows.events(key);
        Instant last = history.get(history.size() - 1).at();
        Instant at = last.isAfter(now) ? last : now;
        rows.insertEvent(key, history.size(), new TicketEvent.Breached(at, "warden", dueAt));
        audit.record(
                Actor.system("breach-detection"),
                "TICKET_BREACHED",
                "ticket",
                key.value(),
                row.partner(),
                Map.of("dueAt", dueAt.toString(), "severity", row.severity(), "app", row.appKey()));
        boolean late = dueAt.plus(noticeMaxAge).isBefore(now);
        events.publishEvent(new TicketBreached(key, row.partner(), new AppKey(row.appKey()), dueAt, late));
        chunk[1]++;
        if (late) {
            chunk[2]++;
        }
    }
}
