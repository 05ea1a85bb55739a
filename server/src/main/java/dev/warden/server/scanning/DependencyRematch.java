package dev.warden.server.scanning;

import dev.warden.scanner.Finding;
import dev.warden.scanner.sca.Component;
import dev.warden.scanner.sca.Ecosystem;
import dev.warden.scanner.sca.VulnerableDependencies;
import dev.warden.server.dependencies.Advisories;
import dev.warden.server.dependencies.AdvisoriesImported;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches the latest version of every listing again when advisories about a library it bundles change:
 * a new advisory opens its finding and ticket without a new upload; a withdrawn one closes its finding
 * as a scan that no longer has it would. Each listing in its own transaction.
 */
@org.springframework.stereotype.Component
class DependencyRematch {
    private static final Logger log = LoggerFactory.getLogger(DependencyRematch.class);

    private final VersionRows versions;
    private final ScanRows scans;
    private final ComponentRows components;
    private final Advisories advisories;
    private final FindingTracker tracker;
    private final ScanRecorder recorder;
    private final TransactionTemplate tx;
    private final Clock clock;

    DependencyRematch(
            VersionRows versions,
            ScanRows scans,
            ComponentRows components,
            Advisories advisories,
            FindingTracker tracker,
            ScanRecorder recorder,
            TransactionTemplate tx,
            Clock clock) {
        this.versions = versions;
        this.scans = scans;
        this.components = components;
        this.advisories = advisories;
        this.tracker = tracker;
        this.recorder = recorder;
        // Heard after the import's commit, while its finished transaction is still bound: each listing
        // needs a transaction of its own, not that one.
        this.tx = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.tx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AdvisoriesImported event) {
        Set<String> artifacts = new HashSet<>();
        for (String p : event.packages()) {
            if (p.startsWith(Ecosystem.MAVEN.name() + ":")) {
                artifacts.add(p.substring(p.lastIndexOf(':') + 1));
            }
        }
        int matched = 0;
        for (VersionRows.Row version : versions.latestOfEveryListing()) {
            String sha = version.sha256();
            ScanRows.Row scan = sha == null ? null : scans.latestFinishedOf(sha).orElse(null);
            if (scan == null) {
                continue;
            }
            List<Component> bundled = components.of(scan.id());
            if (bundled.stream().noneMatch(c -> concerns(c, event.packages(), artifacts))) {
                continue;
            }
            matched++;
            tx.executeWithoutResult(status -> rematch(version, scan, bundled));
        }
        if (matched > 0) {
            log.info("advisories changed: the bundled libraries of {} latest versions matched again", matched);
        }
    }

    private void rematch(VersionRows.Row version, ScanRows.Row scan, List<Component> bundled) {
        Instant now = clock.instant();
        List<Finding> found = advisories.match(bundled, recorder.threshold(now));
        scans.dropResults(scan.id(), VulnerableDependencies.RULE_ID);
        scans.results(scan.id(), found);
        // Absence is proven only for a scan that read everything.
        tracker.track(version, found, scan.incomplete(), now, VulnerableDependencies.RULE_ID);
    }

    private static boolean concerns(Component c, Set<String> packages, Set<String> artifacts) {
        String key = c.ecosystem().key(c.name());
        return c.ecosystem() == Ecosystem.MAVEN && c.group() == null
                ? artifacts.contains(key)
                : packages.contains(c.ecosystem().name() + ":" + key.toLowerCase(Locale.ROOT));
    }
}
