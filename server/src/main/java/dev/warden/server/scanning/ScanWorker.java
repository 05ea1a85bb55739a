package dev.warden.server.scanning;

import dev.warden.scanner.ScanLimits;
import dev.warden.scanner.ScanReport;
import dev.warden.scanner.Scanner;
import dev.warden.scanner.rules.BuiltInRules;
import dev.warden.server.shared.Shutdowns;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Works the scan queue on this node: takes over scans whose node stopped beating, pulls versions
 * registered without a file, then claims queued scans one at a time and runs each within the time
 * limit, beating while it runs. Any number of nodes may do this at once: every step is a
 * compare-and-set in the database. One round at a time per node.
 */
@Component
class ScanWorker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ScanWorker.class);

    private final ScanRows scans;
    private final VersionRows versions;
    private final ArtifactStore store;
    private final ArtifactSource source;
    private final ScanRecorder recorder;
    private final ScanningSettings settings;
    private final ScannerVersion scannerVersion;
    private final Clock clock;
    private final String node;
    private final ReentrantLock working = new ReentrantLock();
    private final ScheduledExecutorService beats =
            Executors.newSingleThreadScheduledExecutor(daemon("warden-scan-beat"));
    private final ExecutorService runner = Executors.newCachedThreadPool(daemon("warden-scan"));

    ScanWorker(
            ScanRows scans,
            VersionRows versions,
            ArtifactStore store,
            ArtifactSource source,
            ScanRecorder recorder,
            ScanningSettings settings,
            ScannerVersion scannerVersion,
            Clock clock) {
        this.scans = scans;
        this.versions = versions;
        this.store = store;
        this.source = source;
        this.recorder = recorder;
        this.settings = settings;
        this.scannerVersion = scannerVersion;
        this.clock = clock;
        this.node = host() + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * One round: stale scans back to the queue, pending pulls, then queued scans until the queue is
     * empty or {@code budget} has passed. Returns at once when this node is already in a round.
     */
    void round(Duration budget) {
        if (!working.tryLock()) {
            return;
        }
        try {
            requeueStale();
            pullPending();
            long end = System.nanoTime() + budget.toNanos();
            while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                Optional<Long> next = scans.nextQueued();
                if (next.isEmpty()) {
                    break;
                }
                if (scans.claim(next.get(), node, clock.instant())) {
                    scans.find(next.get()).ifPresent(this::run);
                }
            }
        } finally {
            working.unlock();
        }
    }

    private void requeueStale() {
        Instant before = clock.instant().minus(settings.staleAfter());
        for (ScanRows.Row stale : scans.stale(before)) {
            if (stale.attempts() >= settings.maxAttempts()) {
                scans.fail(
                        stale.id(),
                        stale.node(),
                        "interrupted " + stale.attempts() + " times (its node stopped each time); the artifact may"
                                + " exhaust the server: check it with warden scan, then ask for a rescan",
                        clock.instant());
                log.warn("scan {} failed: interrupted {} times", stale.id(), stale.attempts());
            } else if (scans.requeue(stale.id(), stale.node())) {
                log.info("scan {} taken over from {}, which stopped beating", stale.id(), stale.node());
            }
        }
    }

    private void pullPending() {
        if (!source.configured()) {
            return;
        }
        for (VersionRows.Row version : versions.toPull(20)) {
            String url = version.pullUrl();
            if (url == null) {
                versions.pullFailed(version.id(), "no address to pull from");
                continue;
            }
            try {
                ArtifactSource.Pulled pulled = source.pull(URI.create(url));
                ArtifactStore.Stored stored = pulled.stored();
                String name = fileName(pulled.name(), version);
                versions.artifact(stored.sha256(), stored.size(), name, clock.instant());
                if (versions.pulled(version.id(), stored.sha256())) {
                    scans.queue(stored.sha256(), scannerVersion.value(), "NEW_VERSION", false, clock.instant());
                }
            } catch (ArtifactSource.PullFailedException e) {
                versions.pullFailed(version.id(), e.getMessage());
                log.info("pull of {} {} failed: {}", version.appKey(), version.version(), e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                versions.pullFailed(version.id(), "cannot store the artifact: " + e.getMessage());
            }
        }
    }

    /** The name the source gave, when it looks like a file name; else the app and version. */
    private static String fileName(@org.jspecify.annotations.Nullable String given, VersionRows.Row version) {
        return given != null && given.matches("[A-Za-z0-9._+-]{1,200}\\.[A-Za-z0-9]{1,8}")
                ? given
                : (version.appKey() + "-" + version.version() + ".jar").replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    private void run(ScanRows.Row scan) {
        Path file = store.path(scan.sha256());
        if (!Files.isRegularFile(file)) {
            scans.fail(
                    scan.id(),
                    node,
                    "the artifact's file is missing from the data folder (" + file + "); upload the version again",
                    clock.instant());
            return;
        }
        String name = versions.withArtifact(scan.sha256()).stream()
                .map(VersionRows.Row::fileName)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .or(() -> versions.artifactName(scan.sha256()))
                .orElse(scan.sha256());
        AtomicLong files = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long period = Math.max(200, settings.staleAfter().toMillis() / 4);
        ScheduledFuture<?> beat = beats.scheduleAtFixedRate(
                () -> {
                    try {
                        scans.beat(scan.id(), node, files.get(), bytes.get(), clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("scan {}: heartbeat failed: {}", scan.id(), e.toString());
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        Scanner scanner = new Scanner(BuiltInRules.all(), limits(), settings.threads());
        Future<ScanReport> running = runner.submit(() -> scanner.scanAs(file, name, (f, b) -> {
            files.set(f);
            bytes.set(b);
        }));
        ScanReport report;
        try {
            report = running.get(settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            beat.cancel(false);
            scans.fail(
                    scan.id(),
                    node,
                    "stopped at the time limit of " + human(settings.timeLimit())
                            + " (warden.scanning.time-limit) after " + files.get() + " files, " + bytes.get()
                            + " bytes; the artifact may be hostile or very large: check it with warden scan",
                    clock.instant());
            return;
        } catch (ExecutionException e) {
            beat.cancel(false);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String incident = UUID.randomUUID().toString();
            log.error("scan {} failed (incident {})", scan.id(), incident, cause);
            scans.fail(
                    scan.id(),
                    node,
                    "the scanner failed: " + cause.getMessage() + " (incident " + incident + ")",
                    clock.instant());
            return;
        } catch (InterruptedException e) {
            running.cancel(true);
            beat.cancel(false);
            Thread.currentThread().interrupt();
            return; // Shutting down: the scan stays RUNNING and is taken over once its beats stop.
        }
        beat.cancel(false);
        try {
            if (!recorder.record(scan, node, report)) {
                log.warn("scan {} finished here but was taken over meanwhile; its result is dropped", scan.id());
            }
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            log.error("recording scan {} failed (incident {})", scan.id(), incident, e);
            scans.fail(
                    scan.id(),
                    node,
                    "recording the results failed (incident " + incident + "); ask for a rescan",
                    clock.instant());
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0
                ? d.toMinutes() + " min"
                : d.toMillis() >= 1000 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private ScanLimits limits() {
        ScanLimits d = ScanLimits.DEFAULTS;
        return new ScanLimits(
                d.maxTotalBytes(),
                d.maxEntryBytes(),
                d.maxRatio(),
                d.maxEntries(),
                d.maxDepth(),
                settings.memory().toBytes());
    }

    String node() {
        return node;
    }

    @Override
    public void destroy() {
        // A scan still running after the wait is interrupted; its artifact stays queued for another
        // node or the next start (a scan is claimed with a heartbeat, which stops with the beats).
        Shutdowns.gently(runner, java.time.Duration.ofSeconds(10));
        Shutdowns.gently(beats, java.time.Duration.ofSeconds(10));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
