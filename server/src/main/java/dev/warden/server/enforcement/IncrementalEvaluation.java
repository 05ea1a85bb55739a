package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.catalog.CatalogChanged;
import dev.warden.server.obligations.ObligationChanged;
import dev.warden.server.tickets.TicketBreached;
import dev.warden.server.tickets.TicketChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evaluates a partner again when its facts change: a ticket reported, changed or breached, the partner
 * or one of its apps created or changed, an obligation record (incident, program, verification, entity
 * change, token use) created or changed. The partners touched by one transaction are evaluated once,
 * after it commits (an import of a thousand tickets evaluates each partner once). A breach alone is
 * only the passing of its due date, which every evaluation reads from the tickets' clocks: its partner
 * is evaluated again only when its last evaluation was as of a moment before that date (a breach
 * recorded late, after an import or a stop, was already judged by the evaluation since). A failure
 * here is logged and left to the scheduled full evaluation, which gives the same answer.
 */
@Component
@ConditionalOnProperty(name = "warden.enforcement.incremental", havingValue = "true", matchIfMissing = true)
class IncrementalEvaluation {
    private static final Logger log = LoggerFactory.getLogger(IncrementalEvaluation.class);
    private static final Object KEY = IncrementalEvaluation.class;

    private final CaseReconciliation reconciliation;
    private final PartnerEvaluationRows evaluations;

    IncrementalEvaluation(CaseReconciliation reconciliation, PartnerEvaluationRows evaluations) {
        this.reconciliation = reconciliation;
        this.evaluations = evaluations;
    }

    /** The partners one transaction touched: changed ones, and breached ones with the latest due date. */
    private static final class Touched {
        final Set<PartnerId> changed = new LinkedHashSet<>();
        final Map<PartnerId, Instant> breachedUpTo = new LinkedHashMap<>();
    }

    @EventListener
    void on(TicketChanged event) {
        touched(t -> t.changed.add(event.partner()));
    }

    @EventListener
    void on(TicketBreached event) {
        touched(t -> t.breachedUpTo.merge(event.partner(), event.dueAt(), (a, b) -> a.isAfter(b) ? a : b));
    }

    @EventListener
    void on(CatalogChanged event) {
        touched(t -> t.changed.add(event.partner()));
    }

    @EventListener
    void on(ObligationChanged event) {
        touched(t -> t.changed.add(event.partner()));
    }

    private void touched(Consumer<Touched> change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            Touched now = new Touched();
            change.accept(now);
            evaluate(now);
            return;
        }
        Touched pending = (Touched) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null) {
            Touched touched = new Touched();
            TransactionSynchronizationManager.bindResource(KEY, touched);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evaluate(touched);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            pending = touched;
        }
        change.accept(pending);
    }

    private void evaluate(Touched touched) {
        Set<PartnerId> due = new LinkedHashSet<>(touched.changed);
        Map<PartnerId, Instant> breached = new LinkedHashMap<>(touched.breachedUpTo);
        breached.keySet().removeAll(due);
        if (!breached.isEmpty()) {
            Map<PartnerId, Instant> evaluatedAt;
            try {
                evaluatedAt = evaluations.evaluatedAt(breached.keySet());
            } catch (RuntimeException e) {
                log.warn("reading when partners were last evaluated failed; evaluating every one breached", e);
                evaluatedAt = Map.of();
            }
            Map<PartnerId, Instant> lastEvaluated = evaluatedAt;
            breached.forEach((partner, dueAt) -> {
                Instant asOf = lastEvaluated.get(partner);
                if (asOf == null || !dueAt.isBefore(asOf)) {
                    due.add(partner);
                }
            });
        }
        for (PartnerId partner : due) {
            try {
                reconciliation.evaluate(partner);
            } catch (RuntimeException e) {
                log.warn(
                        "evaluating partner {} after a change failed; the scheduled evaluation will catch up",
                        partner,
                        e);
            }
        }
    }
}
