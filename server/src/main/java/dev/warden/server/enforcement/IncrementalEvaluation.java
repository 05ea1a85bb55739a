package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.catalog.CatalogChanged;
import dev.warden.server.obligations.ObligationChanged;
import dev.warden.server.tickets.TicketBreached;
import dev.warden.server.tickets.TicketChanged;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * after it commits (an import of a thousand tickets evaluates each partner once). A failure here is
 * logged and left to the scheduled full evaluation, which gives the same answer.
 */
@Component
@ConditionalOnProperty(name = "warden.enforcement.incremental", havingValue = "true", matchIfMissing = true)
class IncrementalEvaluation {
    private static final Logger log = LoggerFactory.getLogger(IncrementalEvaluation.class);
    private static final Object KEY = IncrementalEvaluation.class;

    private final CaseReconciliation reconciliation;

    IncrementalEvaluation(CaseReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @EventListener
    void on(TicketChanged event) {
        later(event.partner());
    }

    @EventListener
    void on(TicketBreached event) {
        later(event.partner());
    }

    @EventListener
    void on(CatalogChanged event) {
        later(event.partner());
    }

    @EventListener
    void on(ObligationChanged event) {
        later(event.partner());
    }

    private void later(PartnerId partner) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            evaluate(Set.of(partner));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<PartnerId> pending = (Set<PartnerId>) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null) {
            Set<PartnerId> touched = new LinkedHashSet<>();
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
        pending.add(partner);
    }

    private void evaluate(Set<PartnerId> partners) {
        for (PartnerId partner : Set.copyOf(partners)) {
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
