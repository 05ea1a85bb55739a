package dev.warden.server.snapshot;

import dev.warden.server.shared.StatisticsRows;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes the planner's statistics after a large import, as soon as it commits and before anything
 * else that runs after the commit (the evaluation of the partners it touched reads the new rows, and
 * on PostgreSQL would otherwise scan tables it still believes empty).
 */
@Component
class ImportStatistics {
    /** Objects an import must create or change before the statistics are refreshed. */
    static final int AFTER = 1000;

    private final StatisticsRows rows;
    private final TransactionTemplate separately;

    ImportStatistics(StatisticsRows rows, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Called inside the import's transaction with what it did. */
    void onCommit(ImportResult result) {
        if (result.dryRun() || result.changed() < AFTER) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void afterCommit() {
                separately.executeWithoutResult(status -> rows.refresh());
            }
        });
    }
}
