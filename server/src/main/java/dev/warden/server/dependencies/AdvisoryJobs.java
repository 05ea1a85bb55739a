package dev.warden.server.dependencies;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.warden.server.shared.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Imports the configured advisories ({@code warden.advisories.path}) at start and then every
 * {@code warden.advisories.every}, on one node at a time: an operator who mirrors OSV's exports into a
 * folder keeps Warden current without touching it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${warden.advisories.path:}' != '' and ${warden.jobs.enabled:true}")
class AdvisoryJobs {
    private static final Logger log = LoggerFactory.getLogger(AdvisoryJobs.class);
    static final Actor IMPORTER = Actor.system("advisory-import");

    @Bean
    RecurringTask<Void> advisoryImport(Advisories advisories, AdvisorySettings settings) {
        return Tasks.recurring("advisory-import", FixedDelay.of(settings.every()))
                .execute((instance, context) -> {
                    Path path = Path.of(java.util.Objects.requireNonNull(settings.path()));
                    if (!Files.isReadable(path)) {
                        log.warn("advisories: warden.advisories.path {} cannot be read; nothing imported", path);
                        return;
                    }
                    Advisories.Imported i = advisories.importFrom(path, path.toString(), IMPORTER);
                    log.info(
                            "advisories: {} records read from {}: {} added, {} updated, {} unchanged, {} unreadable",
                            i.records(),
                            path,
                            i.added(),
                            i.updated(),
                            i.unchanged(),
                            i.errors().size());
                });
    }
}
