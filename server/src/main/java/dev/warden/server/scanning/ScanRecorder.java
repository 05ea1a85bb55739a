package dev.warden.server.scanning;

import dev.warden.scanner.ScanReport;
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

    ScanRecorder(
            ScanRows scans,
            VersionRows versions,
            FindingTracker tracker,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.scans = scans;
        this.versions = versions;
        this.tracker = tracker;
        this.clock = clock;
    }

    /** False when the scan was taken from this node meanwhile (it was slow to beat): nothing recorded. */
    @Transactional
    public boolean record(ScanRows.Row scan, String node, ScanReport report) {
        Instant now = clock.instant();
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
        for (VersionRows.Row version : versions.withArtifact(scan.sha256())) {
            tracker.track(version, report.findings(), report.incomplete(), now);
            events.publishEvent(new VersionScanned(version.appKey(), version.hosting()));
        }
        return true;
    }
}
