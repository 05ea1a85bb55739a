package dev.warden.server.scanning;

import dev.warden.scanner.ScanReport;
import dev.warden.server.dependencies.Advisories;
import dev.warden.server.policy.Policies;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a finished scan in one transaction: the scan's status (only if this node still holds it),
 * what it found, and the findings followed on every version with these bytes. A node killed before
 * the commit leaves the scan RUNNING, to be taken over and run again; nothing is recorded twice.
 */
@Service
class ScanRecorder {
    private final ScanRows scans;
    private final VersionRows versions;
    private final FindingTracker tracker;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ComponentRows components;
    private final Advisories advisories;
    private final Policies policies;

    ScanRecorder(
            ScanRows scans,
            VersionRows versions,
            FindingTracker tracker,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events,
            ComponentRows components,
            Advisories advisories,
            Policies policies) {
        this.events = events;
        this.components = components;
        this.advisories = advisories;
        this.policies = policies;
        this.scans = scans;
        this.versions = versions;
        this.tracker = tracker;
        this.clock = clock;
    }

    /**
     * False when the scan was taken from this node meanwhile (it was slow to beat): nothing recorded. The
     * bundled libraries are matched here, against the advisories held now, from the policy's threshold up.
     */
    @Transactional
    public boolean record(ScanRows.Row scan, String node, ScanReport scanned) {
        Instant now = clock.instant();
        ScanReport report = scanned.withFindings(advisories.match(scanned.components(), threshold(now)));
        if (!scans.finish(
                scan.id(),
                node,
                report.files(),
                report.bytes(),
                report.incomplete(),
                report.problems().size(),
                now)) {
            return false;
        }
        scans.results(scan.id(), report.findings());
        scans.problems(scan.id(), report.problems());
        scans.descriptors(scan.id(), report.descriptors());
        components.insert(scan.id(), report.components());
        for (VersionRows.Row version : versions.withArtifact(scan.sha256())) {
            tracker.track(version, report.findings(), report.incomplete(), now);
            events.publishEvent(new VersionScanned(version.appKey(), version.hosting()));
        }
        return true;
    }

    /** The least severity of a bundled library's advisory that is a finding, by the policy in force. */
    dev.warden.scanner.Severity threshold(Instant at) {
        return dev.warden.scanner.Severity.valueOf(
                policies.inForce().inForceAt(at).dependencyThreshold().name());
    }
}
