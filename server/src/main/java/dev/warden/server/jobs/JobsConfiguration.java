package dev.warden.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs db-scheduler with the features' recurring tasks while the application runs. A scheduler cannot
 * be restarted once stopped, so each start builds a new one (the application, or a test context, may
 * be stopped and started again). {@code warden.jobs.enabled=false} turns background work off, for a
 * node that only serves requests.
 */
@Component
@ConditionalOnBooleanProperty(name = "warden.jobs.enabled", matchIfMissing = true)
class JobsConfiguration implements SmartLifecycle {
    private final DataSource dataSource;
    private final List<RecurringTask<?>> recurring;
    private final Duration polling;
    private final Duration heartbeat;
    private final int missedHeartbeats;
    private final MeterRegistry meters;
    private volatile @Nullable Scheduler scheduler;

    JobsConfiguration(
            DataSource dataSource,
            List<RecurringTask<?>> recurring,
            @Value("${warden.jobs.polling-interval:10s}") Duration polling,
            @Value("${warden.jobs.heartbeat-interval:15s}") Duration heartbeat,
            @Value("${warden.jobs.missed-heartbeats:4}") int missedHeartbeats,
            MeterRegistry meters) {
        this.meters = meters;
        this.dataSource = dataSource;
        this.recurring = recurring;
        this.polling = polling;
        this.heartbeat = heartbeat;
        this.missedHeartbeats = missedHeartbeats;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        Scheduler started = Scheduler.create(dataSource)
                .startTasks(recurring)
                .pollingInterval(polling)
                // A node killed mid-job stops beating; after this many missed beats another node takes
                // the job over (15 s x 4: about a minute, where db-scheduler's default is 30 minutes).
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(missedHeartbeats)
                .threads(2)
                // Job runs and their durations, per task, as db-scheduler counts them (docs/metrics.md).
                .statsRegistry(new MicrometerStatsRegistry(meters, recurring))
                .build();
        started.start();
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        Scheduler running = scheduler;
        if (running != null) {
            running.stop();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    // Late to start, early to stop: after the web server is up, before the data source closes.
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
