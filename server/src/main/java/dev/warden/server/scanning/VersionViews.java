package dev.warden.server.scanning;

import dev.warden.core.catalog.Hosting;
import dev.warden.server.shared.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What the API and the pages show of versions, scans and what a scan found. */
public final class VersionViews {
    private VersionViews() {}

    /**
     * An app version and the scan of its artifact.
     *
     * @param latest whether it is the version of its listing added last: only its scan follows findings
     * @param createdBy who added it; a partner is shown the operator's people as "operator"
     * @param scan the latest scan of its artifact; null while the artifact is still to be pulled
     */
    public record Version(
            long id,
            String app,
            Hosting hosting,
            String version,
            @Nullable Long buildNumber,
            @Nullable LocalDate releaseDate,
            @Nullable String fileName,
            @Nullable String sha256,
            @Nullable Long size,
            String source,
            @Nullable String pullError,
            Instant createdAt,
            String createdBy,
            boolean latest,
            @Nullable Scan scan) {}

    /**
     * One scan of an artifact: queued, running (with how far it has got), finished or failed (why).
     *
     * @param reason NEW_VERSION, SCANNER_CHANGED, SCHEDULED or REQUESTED
     */
    public record Scan(
            long id,
            String status,
            String reason,
            String scannerVersion,
            int attempts,
            Instant queuedAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            long filesDone,
            long bytesDone,
            boolean incomplete,
            int problems,
            @Nullable String failure) {
        static Scan of(ScanRows.Row r) {
            return new Scan(
                    r.id(),
                    r.status(),
                    r.reason(),
                    r.scannerVersion(),
                    r.attempts(),
                    java.util.Objects.requireNonNull(Timestamps.instant(r.queuedAt())),
                    Timestamps.instant(r.startedAt()),
                    Timestamps.instant(r.finishedAt()),
                    r.filesDone(),
                    r.bytesDone(),
                    r.incomplete(),
                    r.problems(),
                    r.failure());
        }
    }

    /**
     * One thing a scan found in a version: where, what, the masked preview, and the finding it is
     * followed as across versions (with that finding's state and ticket), if its version drives them.
     */
    public record Result(
            String rule,
            String severity,
            String confidence,
            String path,
            int line,
            int column,
            String message,
            String preview,
            String finding,
            @Nullable String state,
            @Nullable String ticket,
            dev.warden.scanner.@Nullable Vulnerability vulnerability) {}

    /** A finding followed across an app's versions, with its state: OPEN, FIXED or FALSE_POSITIVE. */
    public record Finding(
            String id,
            String app,
            Hosting hosting,
            String rule,
            String title,
            String state,
            String location,
            @Nullable String preview,
            @Nullable String ticket,
            Instant firstSeenAt,
            String firstSeenVersion,
            String lastSeenVersion,
            @Nullable Instant fixedAt,
            @Nullable String fixedVersion,
            dev.warden.core.obligations.ScanFinding.@Nullable Dismissal dismissal) {
        static Finding of(dev.warden.core.obligations.ScanFinding f) {
            return new Finding(
                    f.id(),
                    f.app().value(),
                    f.hosting(),
                    f.rule(),
                    f.title(),
                    f.state().name(),
                    f.location(),
                    f.preview(),
                    f.ticket(),
                    f.firstSeenAt(),
                    f.firstSeenVersion(),
                    f.lastSeenVersion(),
                    f.fixedAt(),
                    f.fixedVersion(),
                    f.dismissal());
        }
    }

    /** A problem that kept part of the artifact from being scanned, or a note. */
    public record Problem(String path, String message, boolean unread) {}

    /** What a version's scan found, and what kept it from reading everything. */
    public record Results(
            long version, @Nullable Scan scan, java.util.List<Result> findings, java.util.List<Problem> problems) {}
}
