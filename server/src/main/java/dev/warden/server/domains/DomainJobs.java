package dev.warden.server.domains;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring round of domain checks, on one node at a time ({@code warden.domains.enabled}). Off in the
 * demo: its made-up apps name real providers' hosts (azurewebsites.net, herokuapp.com) that belong to
 * others, which Warden must not probe on its own; Check now still works there, on a person's request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${warden.domains.enabled:true} and !${warden.demo:false}")
class DomainJobs {
    private static final Logger log = LoggerFactory.getLogger(DomainJobs.class);

    @Bean
    RecurringTask<Void> domainChecks(DomainWatch watch, DomainSettings settings) {
        return Tasks.recurring("domain-checks", FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> {
                    DomainWatch.Round r = watch.round();
                    if (r.hosts() + r.domains() > 0) {
                        log.info(
                                "domain checks: {} hosts and {} registrations checked, {} failing",
                                r.hosts(),
                                r.domains(),
                                r.failing());
                    }
                });
    }
}
