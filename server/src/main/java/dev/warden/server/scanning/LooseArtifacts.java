package dev.warden.server.scanning;

import dev.warden.server.shared.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Artifacts scanned before they belong to a version: an app submitted for the security review is stored
 * and scanned like a version's artifact (once per content, by the same workers), and its result is read
 * by content hash. No finding here opens a ticket; the app is not on the marketplace yet.
 */
@Service
public class LooseArtifacts {
    private final ArtifactStore store;
    private final VersionRows versions;
    private final ScanRows scans;
    private final ScannerVersion scannerVersion;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    LooseArtifacts(
            ArtifactStore store,
            VersionRows versions,
            ScanRows scans,
            ScannerVersion scannerVersion,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.versions = versions;
        this.scans = scans;
        this.scannerVersion = scannerVersion;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** A stored artifact: its content hash, size and the (made safe) name it was sent with. */
    public record Stored(String sha256, long size, String fileName) {}

    /** One finding of an artifact's scan: never the secret, only its masked preview. */
    public record Found(
            String rule,
            String severity,
            String path,
            @Nullable Integer line,
            String message,
            String preview) {}

    /**
     * Where an artifact's scan stands: QUEUED, RUNNING, FINISHED (with what it found) or FAILED (with why).
     * {@code problems} counts the parts that could not be read; {@code incomplete} says some were skipped.
     */
    public record State(
            String status,
            @Nullable Instant finishedAt,
            boolean incomplete,
            int problems,
            @Nullable String failure,
            List<Found> findings) {
        public boolean finished() {
            return status.equals("FINISHED");
        }
    }

    /**
     * Stores the upload (once per content) and queues its scan unless this scanner has scanned the same
     * bytes already.
     *
     * @param fallbackName the name to scan it under when the upload's own name is unusable
     */
    public Stored store(AppVersions.Upload file, String fallbackName) {
        ArtifactStore.Stored stored;
        try (InputStream in = file.open()) {
            stored = store.store(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        }
        String name = AppVersions.safeName(file.name(), fallbackName);
        boolean queued = Boolean.TRUE.equals(tx.execute(status -> {
            Instant now = clock.instant();
            versions.artifact(stored.sha256(), stored.size(), name, now);
            String current = scannerVersion.value();
            return !scans.scannedSince(stored.sha256(), current, null)
                    && scans.queue(stored.sha256(), current, "NEW_VERSION", false, now);
        }));
        if (queued) {
            events.publishEvent(new ScanQueued("submission"));
        }
        return new Stored(
                stored.sha256(),
                stored.size(),
                versions.artifactName(stored.sha256()).orElse(name));
    }

    /** The scan of an artifact a reviewer reads: the latest finished one, else the latest; empty if none. */
    public Optional<State> of(String sha256) {
        Optional<ScanRows.Row> finished = scans.latestFinishedOf(sha256);
        if (finished.isPresent()) {
            ScanRows.Row s = finished.get();
            List<Found> found = scans.resultsOf(s.id()).stream()
                    .map(r -> new Found(
                            r.rule(), r.severity(), r.path(), r.line() > 0 ? r.line() : null, r.message(), r.preview()))
                    .toList();
            return Optional.of(new State(
                    s.status(), Timestamps.instant(s.finishedAt()), s.incomplete(), s.problems(), null, found));
        }
        return scans.latestOf(sha256).map(s -> new State(s.status(), null, false, 0, s.failure(), List.of()));
    }

    /** The name an artifact was first stored under. */
    public Optional<String> name(String sha256) {
        return versions.artifactName(sha256);
    }
}
