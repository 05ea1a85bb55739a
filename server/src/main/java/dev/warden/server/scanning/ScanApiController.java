package dev.warden.server.scanning;

import dev.warden.core.catalog.Hosting;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** App versions, their scans and findings: {@code /api/v1/apps/{key}/versions}, {@code /api/v1/scan-findings}, {@code /api/v1/scans}. */
@RestController
@Tag(name = "Scanning", description = "App versions and their artifacts, the operator's scans, and their findings")
class ScanApiController {
    private static final Set<String> STATUSES = Set.of("QUEUED", "RUNNING", "FINISHED", "FAILED");

    private final AppVersions versions;
    private final FindingReviews reviews;

    private final VersionReports reports;

    ScanApiController(AppVersions versions, FindingReviews reviews, VersionReports reports) {
        this.reports = reports;
        this.versions = versions;
        this.reviews = reviews;
    }

    @GetMapping("/api/v1/apps/{key}/versions")
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List an app's versions",
            description = "The latest added first, each with its latest scan. Paging: page, size.")
    Page<VersionViews.Version> list(
            @PathVariable String key,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return versions.list(key, new Paging(page, size), actor);
    }

    @PostMapping(value = "/api/v1/apps/{key}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.ARTIFACTS_UPLOAD)
    @Operation(
            summary = "Add a version with its artifact",
            description = "Multipart form: version (required), hosting (CLOUD or DATA_CENTER; may be left out when the"
                    + " app has one listing), buildNumber, releaseDate (YYYY-MM-DD), and file, the artifact (JAR, OBR,"
                    + " ZIP or JS bundle, up to warden.scanning.max-artifact-size). Without a file the artifact is"
                    + " pulled from the configured artifact source. The scan is queued at once; follow it with GET on"
                    + " the Location. 409 if the version exists; 413 if the file is too large.")
    ResponseEntity<VersionViews.Version> add(
            @PathVariable String key,
            @RequestParam(required = false) @Nullable String version,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(required = false) @Nullable Long buildNumber,
            @RequestParam(required = false) @Nullable LocalDate releaseDate,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            Actor actor) {
        AppVersions.Upload upload = file == null || file.isEmpty() && file.getOriginalFilename() == null
                ? null
                : AppVersions.Upload.of(file);
        VersionViews.Version added = versions.add(
                key, new AppVersions.NewVersion(version, hosting, buildNumber, releaseDate), upload, actor);
        return ResponseEntity.created(URI.create("/api/v1/apps/" + key + "/versions/" + added.id()))
                .body(added);
    }

    @GetMapping("/api/v1/apps/{key}/versions/{id}")
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "Get a version",
            description = "With its latest scan: QUEUED, RUNNING (files and bytes done so far), FINISHED, or FAILED"
                    + " with the reason.")
    VersionViews.Version get(@PathVariable String key, @PathVariable long id, Actor actor) {
        return versions.get(key, id, actor);
    }

    @GetMapping("/api/v1/apps/{key}/versions/{id}/findings")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "What a version's scan found",
            description = "The findings of the latest finished scan (masked previews only, never a secret), each"
                    + " with the finding it is followed as and its ticket, and the problems that kept parts unread.")
    VersionViews.Results findings(@PathVariable String key, @PathVariable long id, Actor actor) {
        return versions.results(key, id, actor);
    }

    @GetMapping(value = "/api/v1/apps/{key}/versions/{id}/sarif", produces = "application/sarif+json")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "A version's scan as SARIF 2.1.0",
            description = "The latest finished scan, as warden scan --format sarif writes it, for code scanning tools.")
    ResponseEntity<String> sarif(@PathVariable String key, @PathVariable long id, Actor actor) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/sarif+json"))
                .body(reports.sarif(key, id, actor));
    }

    @GetMapping(value = "/api/v1/apps/{key}/versions/{id}/sbom", produces = "application/vnd.cyclonedx+json")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "A version's bundled libraries as a CycloneDX SBOM",
            description = "CycloneDX 1.6 JSON of the latest finished scan, as warden scan --sbom writes it: every"
                    + " library found with where and how, and the advisories matched against them (from the"
                    + " policy's threshold up).")
    ResponseEntity<String> sbom(@PathVariable String key, @PathVariable long id, Actor actor) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.cyclonedx+json"))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + key.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + id + ".cdx.json\"")
                .body(reports.sbom(key, id, actor));
    }

    @PostMapping("/api/v1/apps/{key}/versions/{id}/scans")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(
            summary = "Scan a version again",
            description = "Queues a new scan of the version's artifact (or pulls it again after a failed pull). 409"
                    + " when a scan of it is waiting or running.")
    VersionViews.Version rescan(@PathVariable String key, @PathVariable long id, Actor actor) {
        return versions.rescan(key, id, actor);
    }

    @GetMapping("/api/v1/apps/{key}/scan-findings")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "An app's findings across versions",
            description = "Each finding of the operator's scanner followed across the app's versions: OPEN, FIXED"
                    + " (absent from a later version) or FALSE_POSITIVE, with its ticket.")
    List<VersionViews.Finding> appFindings(@PathVariable String key, Actor actor) {
        return reviews.ofApp(key, actor);
    }

    @GetMapping("/api/v1/scan-findings/{id}")
    @Requires(Permission.TICKETS_READ)
    @Operation(summary = "Get a finding")
    VersionViews.Finding finding(@PathVariable String id, Actor actor) {
        return reviews.get(id, actor);
    }

    /** Why a finding is not a vulnerability. */
    record Judgement(@Nullable String reason) {}

    @PostMapping("/api/v1/scan-findings/{id}/false-positive")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(
            summary = "Mark a finding a false positive",
            description = "Body: reason. Closes its ticket as not applicable; later versions do not raise it again.")
    VersionViews.Finding falsePositive(@PathVariable String id, @RequestBody Judgement body, Actor actor) {
        return reviews.falsePositive(id, body.reason(), actor);
    }

    @GetMapping("/api/v1/scans")
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List scans",
            description = "Newest first, of the apps the caller may see; status: QUEUED, RUNNING, FINISHED or FAILED.")
    Page<VersionViews.Scan> scans(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidParameterException("status", "must be one of QUEUED, RUNNING, FINISHED, FAILED");
        }
        return reviews.scans(status, new Paging(page, size), actor);
    }
}
