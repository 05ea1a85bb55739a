package dev.warden.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts db-scheduler with the features' tasks once the application is up, and stops it gracefully.
 * {@code warden.jobs.enabled=false} turns background work off (for a node that only serves requests).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "warden.jobs.enabled", matchIfMissing = true)
class JobsConfiguration {

    @Bean
    Scheduler scheduler(
            DataSource dataSource,
            List<RecurringTask<?>> recurring,
            @Value("${warden.jobs.polling-interval:10s}") Duration polling) {
        return Scheduler.create(dataSource)
                .startTasks(recurring)
                .pollingInterval(polling)
                .threads(2)
                .build();
    }

    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            // After the web server is up; stopped before the data source closes.
            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
