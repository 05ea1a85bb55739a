package dev.warden.server.scanning;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.validation.Fields;
import dev.warden.scanner.Finding;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.ScanFindings;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Timestamps;
import dev.warden.server.shared.Versioned;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An app's versions and what their scans found: add a version with its artifact (uploaded, or pulled
 * from the artifact source), read versions, scan results and SARIF, and ask for a rescan. A partner's
 * actor sees only its own apps; another partner's look like they do not exist.
 */
@Service
public class AppVersions {
    private final Apps apps;
    private final VersionRows versions;
    private final ScanRows scans;
    private final ArtifactStore store;
    private final ArtifactSource source;
    private final ScannerVersion scannerVersion;
    private final FindingTracker tracker;
    private final ScanFindings findings;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final ScanWorker worker;
    private final Clock clock;

    AppVersions(
            Apps apps,
            VersionRows versions,
            ScanRows scans,
            ArtifactStore store,
            ArtifactSource source,
            ScannerVersion scannerVersion,
            FindingTracker tracker,
            ScanFindings findings,
            AuditTrail audit,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            ScanWorker worker,
            Clock clock) {
        this.worker = worker;
        this.apps = apps;
        this.versions = versions;
        this.scans = scans;
        this.store = store;
        this.source = source;
        this.scannerVersion = scannerVersion;
        this.tracker = tracker;
        this.findings = findings;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** The fields of a new version; hosting may be left out for an app with one listing. */
    public record NewVersion(
            @Nullable String version,
            @Nullable Hosting hosting,
            @Nullable Long buildNumber,
            @Nullable LocalDate releaseDate) {}

    /** An uploaded file: the name it was sent with, and its bytes, read once. */
    public interface Upload {
        String name();

        InputStream open() throws IOException;

        /** A file sent in a multipart form (the API's and the pages'); read from where the server put it. */
        static Upload of(org.springframework.web.multipart.MultipartFile file) {
            return new Upload() {
                @Override
                public String name() {
                    String sent = file.getOriginalFilename();
                    return sent == null ? "" : sent;
                }

                @Override
                public InputStream open() throws IOException {
                    return file.getInputStream();
                }
            };
        }
    }

    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+-]{0,99}";

    /**
     * Adds a version. With a file, the artifact is stored (once per content) and its scan queued unless
     * this scanner has scanned these bytes already (the earlier result then applies to this version);
     * without one, the version is pulled from the artifact source first.
     */
    public VersionViews.Version add(String appKey, NewVersion request, @Nullable Upload file, Actor by) {
        App app = visible(appKey, by);
        Fields f = new Fields("invalid version");
        String version = request.version() == null ? null : request.version().strip();
        if (version == null || !version.matches(VERSION)) {
            f.error("/version", "is required: 1 to 100 letters, digits, '.', '_', '+' or '-', for example 2.4.1");
        }
        Hosting hosting = request.hosting();
        if (hosting == null && app.listings().size() == 1) {
            hosting = app.listings().get(0).hosting();
        }
        if (hosting == null) {
            f.error("/hosting", "is required: app '" + app.key() + "' has Cloud and Data Center listings");
        } else if (app.listing(hosting).isEmpty()) {
            f.error("/hosting", "app '" + app.key() + "' has no " + hosting + " listing");
        }
        if (request.buildNumber() != null && request.buildNumber() < 0) {
            f.error("/buildNumber", "must be 0 or more");
        }
        if (file == null && !source.configured()) {
            f.error(
                    "/file",
                    "is required: no artifact source is configured to pull it from"
                            + " (warden.scanning.source.url-template)");
        }
        f.check();
        String v = Objects.requireNonNull(version);
        Hosting h = Objects.requireNonNull(hosting);
        if (versions.exists(app.key().value(), h.name(), v)) {
            throw new ConflictException("app '" + app.key() + "' already has version " + v + " on " + h);
        }
        ArtifactStore.Stored stored = null;
        String name = null;
        if (file != null) {
            name = fileName(file.name(), app, v);
            try (InputStream in = file.open()) {
                stored = store.store(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the upload", e);
            }
        }
        long id = insert(app, h, v, request, stored, name, by);
        events.publishEvent(new ScanQueued("new version"));
        return view(versions.find(id).orElseThrow(), by);
    }

    /**
     * Adds a version whose artifact is stored already (an app approved in the security review: the bytes
     * its reviewers saw); a scan of them applies its result at once.
     *
     * @throws ConflictException when the listing has that version already
     */
    public VersionViews.Version addStored(String appKey, Hosting hosting, String version, String sha256, Actor by) {
        App app = visible(appKey, by);
        if (app.listing(hosting).isEmpty()) {
            throw new ConflictException("app '" + app.key() + "' has no " + hosting + " listing");
        }
        if (versions.exists(app.key().value(), hosting.name(), version)) {
            throw new ConflictException("app '" + app.key() + "' already has version " + version + " on " + hosting);
        }
        long size =
                versions.artifactSize(sha256).orElseThrow(() -> new NotFoundException("No stored artifact " + sha256));
        String name = versions.artifactName(sha256).orElse(app.key().value() + "-" + version + ".jar");
        long id = insert(
                app,
                hosting,
                version,
                new NewVersion(version, hosting, null, null),
                new ArtifactStore.Stored(sha256, size),
                name,
                by);
        events.publishEvent(new ScanQueued("new version"));
        return view(versions.find(id).orElseThrow(), by);
    }

    private long insert(
            App app,
            Hosting h,
            String v,
            NewVersion request,
            ArtifactStore.@Nullable Stored artifact,
            @Nullable String fileName,
            Actor by) {
        return Objects.requireNonNull(tx.execute(status -> {
            Instant now = clock.instant();
            String pullUrl = null;
            if (artifact != null) {
                versions.artifact(artifact.sha256(), artifact.size(), Objects.requireNonNull(fileName), now);
            } else {
                pullUrl = source.urlFor(app.key().value(), v, request.buildNumber(), h.name())
                        .toString();
            }
            long created = versions.insert(
                    app.key().value(),
                    h.name(),
                    v,
                    request.buildNumber(),
                    request.releaseDate(),
                    artifact == null ? null : artifact.sha256(),
                    artifact == null ? "PULL" : "UPLOAD",
                    pullUrl,
                    now,
                    by.name(),
                    by.isPartner());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("app", app.key().value());
            details.put("hosting", h.name());
            details.put("version", v);
            if (artifact != null) {
                details.put("sha256", artifact.sha256());
                details.put("size", artifact.size());
                details.put("file", fileName);
            } else {
                details.put("pullUrl", pullUrl);
            }
            audit.record(by, "APP_VERSION_ADDED", "app", app.key().value(), app.partner(), details);
            if (artifact != null) {
                scanOrReuse(created, artifact.sha256(), now);
            }
            return created;
        }));
    }

    /** Whether an app's listing has a version of this name already. */
    public boolean exists(String appKey, Hosting hosting, String version) {
        return versions.exists(appKey, hosting.name(), version);
    }

    /** Queues a scan of new bytes; bytes this scanner has scanned already apply their result at once. */
    private void scanOrReuse(long version, String sha256, Instant now) {
        String current = scannerVersion.value();
        if (!scans.scannedSince(sha256, current, null)) {
            scans.queue(sha256, current, "NEW_VERSION", false, now);
            return;
        }
        scans.latestFinishedOf(sha256)
                .filter(s -> s.scannerVersion().equals(current))
                .ifPresent(s -> tracker.track(
                        versions.find(version).orElseThrow(), scans.findingsOf(s.id()), s.incomplete(), now));
    }

    /** A name safe to show and to scan under: the last part of what was sent, odd characters replaced. */
    static String fileName(String sent, App app, String version) {
        return safeName(sent, app.key().value() + "-" + version + ".jar");
    }

    /** The last part of a sent name with odd characters replaced; {@code fallback} when nothing usable is left. */
    static String safeName(String sent, String fallback) {
        String last = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._+-]", "_");
        if (safe.length() > 200) {
            safe = safe.substring(safe.length() - 200);
        }
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.' || c == '_') ? fallback : safe;
    }

    /**
     * Works the scan queue on this thread now, for up to {@code budget} (loading the demo marketplace
     * shows its scans' results at once); normally the scheduled job does this.
     */
    public void scanQueuedNow(java.time.Duration budget) {
        worker.round(budget);
    }

    /** A page of an app's versions, the latest added first. */
    public Page<VersionViews.Version> list(String appKey, Paging paging, Actor actor) {
        App app = visible(appKey, actor);
        return Page.of(
                versions.ofApp(app.key().value(), paging.size(), paging.offset()).stream()
                        .map(r -> view(r, actor))
                        .toList(),
                paging,
                versions.countOf(app.key().value()));
    }

    public VersionViews.Version get(String appKey, long id, Actor actor) {
        return view(row(appKey, id, actor), actor);
    }

    /** What the latest finished scan of a version's artifact found, with each finding's state and ticket. */
    public VersionViews.Results results(String appKey, long id, Actor actor) {
        VersionRows.Row row = row(appKey, id, actor);
        App app = visible(appKey, actor);
        ScanRows.Row scan = row.sha256() == null
                ? null
                : scans.latestFinishedOf(row.sha256()).orElse(null);
        if (scan == null) {
            return new VersionViews.Results(id, null, List.of(), List.of());
        }
        Hosting hosting = Hosting.valueOf(row.hosting());
        Map<String, ScanFinding> followed =
                findings.of(app, hosting).stream().collect(Collectors.toMap(ScanFinding::id, Function.identity()));
        List<VersionViews.Result> results = scans.findingsOf(scan.id()).stream()
                .map(f -> result(f, app, hosting, followed))
                .toList();
        List<VersionViews.Problem> problems = scans.problemsOf(scan.id()).stream()
                .map(p -> new VersionViews.Problem(p.path().toString(), p.message(), p.unread()))
                .toList();
        return new VersionViews.Results(id, VersionViews.Scan.of(scan), results, problems);
    }

    private static VersionViews.Result result(Finding f, App app, Hosting hosting, Map<String, ScanFinding> followed) {
        String id = ScanFinding.idOf(app.key(), hosting, f.rule(), FindingTracker.fingerprint(f));
        ScanFinding known = followed.get(id);
        return new VersionViews.Result(
                f.rule(),
                f.severity().name(),
                f.confidence(),
                f.path().toString(),
                f.line(),
                f.column(),
                f.message(),
                f.preview(),
                id,
                known == null ? null : known.state().name(),
                known == null ? null : known.ticket(),
                f.vulnerability());
    }

    /**
     * Asks for the version's artifact to be scanned again now (or pulled again, when its pull failed).
     *
     * @throws ConflictException when a scan of it is already waiting or running
     */
    public VersionViews.Version rescan(String appKey, long id, Actor by) {
        VersionRows.Row row = row(appKey, id, by);
        App app = visible(appKey, by);
        tx.executeWithoutResult(status -> {
            String sha = row.sha256();
            if (sha == null) {
                if (row.pullError() == null) {
                    throw new ConflictException("version " + row.version() + " is still waiting to be pulled");
                }
                versions.pullFailed(row.id(), null);
            } else if (!scans.queue(sha, scannerVersion.value(), "REQUESTED", true, clock.instant())) {
                throw new ConflictException("a scan of version " + row.version() + " is already waiting or running");
            }
            audit.record(
                    by,
                    "APP_VERSION_RESCAN_REQUESTED",
                    "app",
                    app.key().value(),
                    app.partner(),
                    Map.of("version", row.version(), "hosting", row.hosting()));
        });
        events.publishEvent(new ScanQueued("rescan"));
        return view(versions.find(id).orElseThrow(), by);
    }

    VersionRows.Row row(String appKey, long id, Actor actor) {
        App app = visible(appKey, actor);
        return versions.find(id)
                .filter(r -> r.appKey().equals(app.key().value()))
                .orElseThrow(() -> new NotFoundException("No version " + id + " of app '" + appKey + "'"));
    }

    App visible(String key, Actor actor) {
        if (!AppKey.isValid(key)) {
            throw new NotFoundException("No app '" + key + "'");
        }
        return apps.find(AppKey.of(key))
                .map(Versioned::value)
                .filter(a -> actor.canSee(a.partner()))
                .orElseThrow(() -> new NotFoundException("No app '" + key + "'"));
    }

    VersionViews.Version view(VersionRows.Row r, Actor actor) {
        ScanRows.Row scan =
                r.sha256() == null ? null : scans.latestOf(r.sha256()).orElse(null);
        boolean latest = versions.latest(r.appKey(), r.hosting()).orElse(-1L) == r.id();
        return new VersionViews.Version(
                r.id(),
                r.appKey(),
                Hosting.valueOf(r.hosting()),
                r.version(),
                r.buildNumber(),
                r.releaseDate(),
                r.fileName(),
                r.sha256(),
                r.sizeBytes(),
                r.source(),
                r.pullError(),
                Objects.requireNonNull(Timestamps.instant(r.createdAt())),
                actor.isPartner() && !r.byPartner() ? "operator" : r.createdBy(),
                latest,
                scan == null ? null : VersionViews.Scan.of(scan));
    }
}
