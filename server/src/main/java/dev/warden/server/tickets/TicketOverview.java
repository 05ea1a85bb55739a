package dev.warden.server.tickets;

import dev.warden.core.cvss.Severity;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.KeptFigures;
import dev.warden.server.shared.PartnerScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Figures about many tickets at once, each from one query, for the home page and the SLA report.
 *
 * <p>With a million tickets one of these passes takes from a second (PostgreSQL) to ten (H2), and every
 * home page shows them; so each figure, per partner scope, is kept ({@link KeptFigures}) and counted
 * again in the background once it is older than {@code warden.tickets.summary-max-age} (default 30 s;
 * 0 keeps nothing). A ticket changed on this node has them counted again at once, so what an analyst
 * just did shows on the next page where counting is quick; changes made on another node, and the
 * passing of time (a ticket falling overdue), show within the maximum age.
 */
@Service
public class TicketOverview {
    private final TicketRows rows;
    private final Clock clock;
    private final KeptFigures kept;

    TicketOverview(TicketRows rows, Clock clock, @Value("${warden.tickets.summary-max-age:30s}") Duration maxAge) {
        this.rows = rows;
        this.clock = clock;
        this.kept = new KeptFigures(maxAge);
    }

    /**
     * The open tickets the actor may see, counted in one pass over them, with the due dates of the next
     * {@code weeks} weeks.
     */
    public OpenTickets open(int weeks, Actor actor) {
        if (weeks < 1 || weeks > 52) {
            throw new IllegalArgumentException("weeks must be 1 to 52: " + weeks);
        }
        String partner = PartnerScope.of(null, actor).value();
        return kept("open", partner, weeks, () -> count(partner, weeks));
    }

    /**
     * A listing's SLA attainment over the year before {@code now} (the Cloud Fortified requirement): of its
     * tickets due then, duplicates and not-applicable ones left out, how many and how many breached.
     */
    public long[] lastYear(dev.warden.core.catalog.AppKey app, dev.warden.core.catalog.Hosting hosting, Instant now) {
        Instant from = now.atOffset(ZoneOffset.UTC).minusYears(1).toInstant();
        return rows.dueAndBreached(null, app.value(), hosting.name(), from.plusNanos(1), now, now);
    }

    /**
     * SLA attainment for the last {@code months} calendar months (UTC), oldest first, the month in
     * progress last (counted up to now): what a partner's actor asks is limited to its own tickets.
     */
    public List<SlaMonth> attainment(int months, Actor actor) {
        if (months < 1 || months > 36) {
            throw new IllegalArgumentException("months must be 1 to 36: " + months);
        }
        String partner = PartnerScope.of(null, actor).value();
        return kept("attainment", partner, months, () -> attainment(partner, months));
    }

    /** A ticket changed on this node: the figures kept may be wrong now. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(TicketChanged changed) {
        forget();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TicketBreached breached) {
        forget();
    }

    private void forget() {
        kept.changed();
    }

    /**
     * Has the figures counted again once the current transaction commits (at once outside one): for tickets
     * written without a {@link TicketChanged} each, an import's new ones. Before the commit another
     * request would only count them again as they were.
     */
    void forgetAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            forget();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return; // one import writes its tickets chunk after chunk in one transaction
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                forget();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TicketOverview.this);
            }
        });
    }

    private <T> T kept(String what, @Nullable String partner, int n, Supplier<T> compute) {
        return kept.get(what + "/" + n + "/" + (partner == null ? "" : partner), compute);
    }

    private OpenTickets count(@Nullable String partner, int weeks) {
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.name(), 0L);
        }
        Map<String, Long> byStatus = new TreeMap<>();
        List<Long> byWeek = new ArrayList<>(Collections.nCopies(weeks, 0L));
        long overdue = 0;
        for (TicketRows.OpenCount c : rows.openCounts(partner, clock.instant(), weeks)) {
            bySeverity.merge(c.severity(), c.tickets(), Long::sum);
            byStatus.merge(c.status(), c.tickets(), Long::sum);
            if (c.week() < 0) {
                overdue += c.tickets();
            } else if (c.week() > 0) {
                byWeek.set(c.week() - 1, byWeek.get(c.week() - 1) + c.tickets());
            }
        }
        return new OpenTickets(bySeverity, overdue, byStatus, List.copyOf(byWeek));
    }

    private List<SlaMonth> attainment(@Nullable String partner, int months) {
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        List<SlaMonth> result = new ArrayList<>();
        for (YearMonth m = current.minusMonths(months - 1L); !m.isAfter(current); m = m.plusMonths(1)) {
            Instant from = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            long[] counts = rows.dueAndBreached(partner, from, end.isAfter(now) ? now : end, now);
            result.add(new SlaMonth(m, counts[0], counts[1]));
        }
        return List.copyOf(result);
    }
}
