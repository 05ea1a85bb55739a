package dev.warden.server.scanning;

import dev.warden.scanner.Reports;
import dev.warden.scanner.ScanReport;
import dev.warden.scanner.rules.BuiltInRules;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** A version's latest finished scan as the files tools read: SARIF 2.1.0 and a CycloneDX SBOM. */
@Service
class VersionReports {
    private final AppVersions versions;
    private final ScanRows scans;
    private final ComponentRows components;
    private final Clock clock;

    VersionReports(AppVersions versions, ScanRows scans, ComponentRows components, Clock clock) {
        this.versions = versions;
        this.scans = scans;
        this.components = components;
        this.clock = clock;
    }

    /** The latest finished scan of a version as SARIF 2.1.0, as {@code warden scan --format sarif} writes it. */
    public String sarif(String appKey, long id, Actor actor) {
        Finished f = finished(appKey, id, actor);
        List<dev.warden.scanner.Rule> rules = new java.util.ArrayList<>(BuiltInRules.all());
        rules.add(dev.warden.scanner.sca.VulnerableDependencies.RULE);
        return Reports.sarif(f.report(), rules, f.scan().scannerVersion());
    }

    /**
     * The libraries the latest finished scan of a version found bundled, with their known vulnerabilities,
     * as CycloneDX 1.6 JSON ({@code warden scan --sbom}).
     */
    public String sbom(String appKey, long id, Actor actor) {
        Finished f = finished(appKey, id, actor);
        return dev.warden.scanner.sca.Sbom.json(
                f.report(), f.report().input(), f.scan().scannerVersion(), clock.instant());
    }

    private record Finished(ScanRows.Row scan, ScanReport report) {}

    private Finished finished(String appKey, long id, Actor actor) {
        VersionRows.Row row = versions.row(appKey, id, actor);
        ScanRows.Row scan = row.sha256() == null
                ? null
                : scans.latestFinishedOf(row.sha256()).orElse(null);
        if (scan == null) {
            throw new NotFoundException("version " + row.version() + " of '" + appKey + "' has no finished scan yet");
        }
        return new Finished(
                scan,
                new ScanReport(
                        row.fileName() == null ? row.version() : row.fileName(),
                        scans.findingsOf(scan.id()),
                        0,
                        scans.problemsOf(scan.id()),
                        scan.filesDone(),
                        scan.bytesDone(),
                        List.of(),
                        components.of(scan.id())));
    }
}
