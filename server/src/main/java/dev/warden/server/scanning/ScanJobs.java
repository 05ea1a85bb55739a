package dev.warden.server.scanning;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.warden.server.shared.Shutdowns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The scanning jobs: {@code artifact-scans} works the queue every poll interval (and at once on this
 * node when work is queued here), {@code artifact-rescans} queues the latest version of every listing
 * when the scanner changed or its last scan is older than {@code warden.scanning.rescan-every}.
 */
@Configuration(proxyBeanMethods = false)
class ScanJobs implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ScanJobs.class);
    /** The most one run of the queue job works before it lets the scheduler breathe. */
    private static final Duration ROUND = Duration.ofMinutes(15);

    private final ScanWorker worker;
    private final ScanRows scans;
    private final VersionRows versions;
    private final ScannerVersion version;
    private final ScanningSettings settings;
    private final Clock clock;
    private final boolean enabled;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-scan-nudge");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    ScanJobs(
            ScanWorker worker,
            ScanRows scans,
            VersionRows versions,
            ScannerVersion version,
            ScanningSettings settings,
            Clock clock,
            @Value("${warden.jobs.enabled:true}") boolean enabled) {
        this.worker = worker;
        this.scans = scans;
        this.versions = versions;
        this.version = version;
        this.settings = settings;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Bean
    RecurringTask<Void> artifactScans() {
        return Tasks.recurring("artifact-scans", FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> worker.round(ROUND));
    }

    @Bean
    RecurringTask<Void> artifactRescans() {
        return Tasks.recurring("artifact-rescans", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> queueRescans());
    }

    /**
     * At start: a new Warden may bring a new scanner, whose rescans should not wait for the hourly job,
     * and scans left queued or running by a stopped node should not wait for the scheduler.
     */
    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (enabled) {
            nudges.submit(() -> {
                try {
                    queueRescans();
                    // Also takes over scans of a node that died (this one, before a restart) once
                    // they are stale, without waiting for the scheduler to release the dead run.
                    worker.round(ROUND);
                } catch (RuntimeException e) {
                    log.warn("queueing rescans at start failed; the hourly job will try again", e);
                }
            });
        }
    }

    /** Queues what is due; returns how many scans it queued. */
    int queueRescans() {
        String scanner = version.value();
        Duration every = settings.rescanEvery();
        Instant now = clock.instant();
        int queued = 0;
        for (VersionRows.Row v : versions.latestOfEveryListing()) {
            String sha = java.util.Objects.requireNonNull(v.sha256());
            if (!scans.scannedSince(sha, scanner, null)) {
                queued += scans.queue(sha, scanner, "SCANNER_CHANGED", false, now) ? 1 : 0;
            } else if (!every.isZero() && !scans.scannedSince(sha, scanner, now.minus(every))) {
                queued += scans.queue(sha, scanner, "SCHEDULED", true, now) ? 1 : 0;
            }
        }
        if (queued > 0) {
            log.info("queued {} rescans of the latest versions (scanner {})", queued, scanner);
        }
        return queued;
    }

    /** Work queued on this node: look at once rather than at the next poll (when background work is on). */
    @TransactionalEventListener(fallbackExecution = true)
    void queued(ScanQueued event) {
        if (enabled && pending.compareAndSet(false, true)) {
            nudges.submit(() -> {
                pending.set(false);
                try {
                    worker.round(ROUND);
                } catch (RuntimeException e) {
                    log.warn("scanning after {} failed; the scheduled job will try again", event.reason(), e);
                }
            });
        }
    }

    @Override
    public void destroy() {
        Shutdowns.gently(nudges, java.time.Duration.ofSeconds(10));
    }
}
