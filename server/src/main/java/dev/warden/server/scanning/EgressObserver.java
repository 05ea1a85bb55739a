package dev.warden.server.scanning;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.PrivacyDeclaration;
import dev.warden.server.obligations.PrivacyDeclarations;
import dev.warden.server.shared.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * After a scan of a listing's latest version: the hosts its descriptors say the app talks to (a Connect
 * app's base URL, a Forge app's remotes and external fetch permissions) are kept on the app's Privacy and
 * Security record, where they are reconciled with what the tab declares ({@code DISCLOSURE-MISMATCH}).
 * A failure here never undoes the scan; the next scan observes again.
 */
@Component
class EgressObserver {
    private static final Logger log = LoggerFactory.getLogger(EgressObserver.class);

    private final VersionRows versions;
    private final ScanRows scans;
    private final PrivacyDeclarations privacy;

    EgressObserver(VersionRows versions, ScanRows scans, PrivacyDeclarations privacy) {
        this.versions = versions;
        this.scans = scans;
        this.privacy = privacy;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(VersionScanned event) {
        try {
            observe(event.app(), Hosting.valueOf(event.hosting()));
        } catch (RuntimeException e) {
            log.warn("egress of {} ({}) not observed after its scan: {}", event.app(), event.hosting(), e.toString());
        }
    }

    void observe(String app, Hosting hosting) {
        VersionRows.Row latest =
                versions.latest(app, hosting.name()).flatMap(versions::find).orElse(null);
        if (latest == null || latest.sha256() == null) {
            return;
        }
        ScanRows.Row scan = scans.latestFinishedOf(latest.sha256()).orElse(null);
        if (scan == null) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        for (ScanRows.DescriptorRow d : scans.descriptorsOf(scan.id())) {
            List<String> addresses = new ArrayList<>(d.domains());
            if (d.baseUrl() != null) {
                addresses.add(d.baseUrl());
            }
            for (String address : addresses) {
                String host = PrivacyDeclaration.Observed.host(address);
                if (host != null && !hosts.contains(host)) {
                    hosts.add(host);
                }
            }
        }
        privacy.observe(
                AppKey.of(app),
                new PrivacyDeclaration.Observed(
                        java.util.Objects.requireNonNull(Timestamps.instant(scan.finishedAt())),
                        hosting,
                        latest.version(),
                        latest.fileName(),
                        hosts));
    }
}
