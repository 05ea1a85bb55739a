package dev.warden.server.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recurring job that checkpoints the audit chain's head ({@code warden.audit.checkpoint.interval}). */
@Configuration(proxyBeanMethods = false)
class AuditCheckpointJob {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointJob.class);

    @Bean
    RecurringTask<Void> auditCheckpoint(AuditCheckpoints checkpoints, CheckpointSettings settings) {
        return Tasks.recurring("audit-checkpoint", FixedDelay.of(settings.interval()))
                .execute((instance, context) ->
                        checkpoints.take().ifPresent(c -> log.debug("audit chain checkpointed at entry {}", c.seq())));
    }
}
