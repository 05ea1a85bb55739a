package dev.warden.server.tickets;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring job that records SLO breaches. It runs in the database-backed scheduler, so one node
 * at a time runs it and a restart loses nothing; the claim in {@link BreachRecorder#detect()} makes
 * each breach recorded exactly once even if two runs overlap.
 */
@Configuration(proxyBeanMethods = false)
class BreachDetection {
    private static final Logger log = LoggerFactory.getLogger(BreachDetection.class);

    @Bean
    RecurringTask<Void> ticketBreachDetection(
            BreachRecorder breaches, @Value("${warden.jobs.breach-detection-interval:60s}") Duration interval) {
        return Tasks.recurring("ticket-breach-detection", FixedDelay.of(interval))
                .execute((instance, context) -> {
                    int recorded = breaches.detect();
                    if (recorded > 0) {
                        log.info("recorded {} ticket breach(es)", recorded);
                    }
                });
    }
}
