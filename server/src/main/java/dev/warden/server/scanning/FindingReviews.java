package dev.warden.server.scanning;

import dev.warden.core.catalog.App;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.validation.Fields;
import dev.warden.server.obligations.ScanFindings;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.Versioned;
import dev.warden.server.tickets.TicketRequests;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The findings followed across an app's versions, and an analyst's judgement on them: a false positive
 * (with a reason, audited) closes its ticket as not applicable and stays closed in later versions.
 * Also the scan queue, as the actor may see it.
 */
@Service
@Transactional
public class FindingReviews {
    private final AppVersions versions;
    private final ScanFindings findings;
    private final Tickets tickets;
    private final ScanRows scans;
    private final Clock clock;

    FindingReviews(AppVersions versions, ScanFindings findings, Tickets tickets, ScanRows scans, Clock clock) {
        this.versions = versions;
        this.findings = findings;
        this.tickets = tickets;
        this.scans = scans;
        this.clock = clock;
    }

    /** Every finding on an app, oldest first. */
    @Transactional(readOnly = true)
    public List<VersionViews.Finding> ofApp(String appKey, Actor actor) {
        App app = versions.visible(appKey, actor);
        return findings.of(app, null).stream().map(VersionViews.Finding::of).toList();
    }

    @Transactional(readOnly = true)
    public VersionViews.Finding get(String id, Actor actor) {
        return VersionViews.Finding.of(findings.get(id, actor).value());
    }

    /**
     * Marks a finding a false positive.
     *
     * @throws ConflictException when it is one already
     */
    public VersionViews.Finding falsePositive(String id, @Nullable String reason, Actor by) {
        Versioned<ScanFinding> read = findings.get(id, by);
        new Fields("invalid judgement")
                .requireText("/reason", reason, "is required: why this is not a vulnerability")
                .maxLength("/reason", reason, 2000)
                .check();
        String why = Objects.requireNonNull(reason).strip();
        if (read.value().dismissal() != null) {
            throw new ConflictException("finding " + id + " is already marked a false positive");
        }
        ScanFinding dismissed = read.value().dismissed(new ScanFinding.Dismissal(clock.instant(), by.name(), why));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("app", dismissed.app().value());
        details.put("rule", dismissed.rule());
        details.put("reason", why);
        String key = dismissed.ticket();
        if (key != null) {
            details.put("ticket", key);
        }
        findings.save(read, dismissed, by, "SCAN_FINDING_DISMISSED", details);
        if (key != null) {
            TicketView ticket = tickets.get(TicketKey.of(key), by);
            if (!ticket.status().closed()) {
                tickets.markNotApplicable(TicketKey.of(key), new TicketRequests.Note("False positive: " + why), by);
            }
        }
        return VersionViews.Finding.of(dismissed);
    }

    /** Scans, newest first, of the apps the actor may see; of one status if given. */
    @Transactional(readOnly = true)
    public Page<VersionViews.Scan> scans(@Nullable String status, Paging paging, Actor actor) {
        PartnerScope scope = PartnerScope.of(null, actor);
        return Page.of(
                scans.list(status, scope.value(), paging.size(), paging.offset()).stream()
                        .map(VersionViews.Scan::of)
                        .toList(),
                paging,
                scans.count(status, scope.value()));
    }
}
