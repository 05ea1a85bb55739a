package dev.warden.server.enforcement;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.warden.server.enforcement.EnforcementViews.EvaluationSummary;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring full evaluation of every partner: it catches what only the passing of time changes
 * (a ladder step whose wait is over, a secret that became too old) and anything an incremental
 * evaluation missed. One node at a time runs it (database-backed scheduler).
 */
@Configuration(proxyBeanMethods = false)
class FullEvaluation {
    private static final Logger log = LoggerFactory.getLogger(FullEvaluation.class);

    @Bean
    RecurringTask<Void> complianceEvaluation(
            CaseReconciliation reconciliation,
            @Value("${warden.jobs.compliance-evaluation-interval:15m}") Duration interval) {
        return Tasks.recurring("compliance-evaluation", FixedDelay.of(interval)).execute((instance, context) -> {
            long started = System.nanoTime();
            EvaluationSummary s =
                    reconciliation.evaluateAll(() -> context.getSchedulerState().isShuttingDown());
            log.info(
                    "compliance evaluation {}in {} ms: {} partners, {} violations; {} cases opened, {} reopened,"
                            + " {} resolved; {} actions proposed; failed for {}",
                    context.getSchedulerState().isShuttingDown() ? "stopped by the server's shutdown " : "",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    s.partners(),
                    s.violations(),
                    s.opened(),
                    s.reopened(),
                    s.resolved(),
                    s.proposed(),
                    s.failed().isEmpty() ? "none" : s.failed());
        });
    }

    /** Tries again the partners whose evaluation failed, once each one's pause is over. */
    @Bean
    RecurringTask<Void> evaluationRetries(
            CaseReconciliation reconciliation,
            @Value("${warden.jobs.evaluation-retry-interval:30s}") Duration interval) {
        return Tasks.recurring("compliance-evaluation-retries", FixedDelay.of(interval))
                .execute((instance, context) -> {
                    EvaluationSummary s = reconciliation.retryFailed();
                    if (s.partners() > 0 || !s.failed().isEmpty()) {
                        log.info(
                                "compliance evaluation retried: {} partners evaluated, still failing: {}",
                                s.partners(),
                                s.failed().isEmpty() ? "none" : s.failed());
                    }
                });
    }
}
