package dev.warden.server.scanning;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.scanner.Finding;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Vulnerability;
import dev.warden.scanner.rules.BuiltInRules;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.ScanFindings;
import dev.warden.server.obligations.TokenUses;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import dev.warden.server.tickets.TicketRequests;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Follows a listing's findings from one scanned version to the next (in the caller's transaction).
 * Only the version added last drives it: a finding new to it opens a SCANNER ticket with its rule's
 * vector from the policy in force; one it no longer has is verified fixed (not when the scan was
 * incomplete: absence is then unproven); one that comes back reopens its ticket. A false positive
 * stays closed.
 */
@Component
class FindingTracker {
    static final Actor SCANNER = Actor.system("scanner");
    private static final Map<String, Rule> RULES =
            BuiltInRules.all().stream().collect(Collectors.toMap(Rule::id, Function.identity()));

    private final Apps apps;
    private final ScanFindings findings;
    private final Tickets tickets;
    private final TokenUses tokenUses;
    private final Policies policies;
    private final VersionRows versions;

    FindingTracker(
            Apps apps,
            ScanFindings findings,
            Tickets tickets,
            TokenUses tokenUses,
            Policies policies,
            VersionRows versions) {
        this.apps = apps;
        this.findings = findings;
        this.tickets = tickets;
        this.tokenUses = tokenUses;
        this.policies = policies;
        this.versions = versions;
    }

    /** The fingerprint that follows a finding across versions: its rule and the matched value's hash. */
    static String fingerprint(Finding f) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((f.rule() + '\0' + f.secretHash()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Applies a finished scan of {@code version}'s artifact; does nothing for a version not the latest. */
    void track(VersionRows.Row version, List<Finding> found, boolean incomplete, Instant scannedAt) {
        track(version, found, incomplete, scannedAt, null);
    }

    /**
     * Applies the findings of one rule only ({@code onlyRule}; all when null): what a scan found under
     * other rules is left as it is (bundled libraries matched again after new advisories, say).
     */
    void track(
            VersionRows.Row version,
            List<Finding> found,
            boolean incomplete,
            Instant scannedAt,
            @Nullable String onlyRule) {
        java.util.function.Predicate<String> scope = onlyRule == null ? rule -> true : onlyRule::equals;
        Hosting hosting = Hosting.valueOf(version.hosting());
        if (versions.latest(version.appKey(), version.hosting()).orElse(-1L) != version.id()) {
            return;
        }
        App app = apps.find(AppKey.of(version.appKey()))
                .map(Versioned::value)
                .orElseThrow(() -> new IllegalStateException("a version of a missing app " + version.appKey()));
        PolicyVersion policy = policies.inForce().inForceAt(scannedAt);
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : found) {
            groups.computeIfAbsent(f.rule() + '\0' + fingerprint(f), k -> new ArrayList<>())
                    .add(f);
        }
        Map<String, ScanFinding> known = new LinkedHashMap<>();
        findings.of(app, hosting).forEach(f -> known.put(f.id(), f));
        List<String> present = new ArrayList<>();
        for (List<Finding> group : groups.values()) {
            Finding first = group.get(0);
            String fp = fingerprint(first);
            String id = ScanFinding.idOf(app.key(), hosting, first.rule(), fp);
            present.add(id);
            String where = first.path() + ":" + first.line()
                    + (group.size() > 1 ? " (and " + (group.size() - 1) + " more places)" : "");
            String preview = first.preview().length() > 200 ? null : first.preview();
            ScanFinding before = known.get(id);
            if (before == null) {
                opened(app, hosting, version, first, fp, id, where, preview, policy, scannedAt);
            } else if (before.state() == ScanFinding.State.FIXED) {
                ScanFinding again = before.seenIn(version.version(), where, preview);
                save(again, "SCAN_FINDING_REOPENED", version);
                reopenTicket(again, version, where, scannedAt);
            } else if (before.state() == ScanFinding.State.OPEN
                    && (!before.lastSeenVersion().equals(version.version())
                            || !before.location().equals(where))) {
                save(before.seenIn(version.version(), where, preview), "SCAN_FINDING_SEEN", version);
            }
        }
        if (!incomplete) {
            for (ScanFinding f : known.values()) {
                if (f.state() == ScanFinding.State.OPEN && scope.test(f.rule()) && !present.contains(f.id())) {
                    save(f.fixedIn(version.version(), scannedAt), "SCAN_FINDING_FIXED", version);
                    closeTicket(f, version, scannedAt);
                }
            }
        }
        if (onlyRule != null) {
            return; // the token-use evidence comes from a whole scan's findings
        }
        List<TokenUse.Finding> evidence = found.stream()
                .filter(f -> TokenUse.EVIDENCE_RULES.contains(f.rule()))
                .map(f -> new TokenUse.Finding(
                        f.rule(), f.path() + ":" + f.line(), f.preview().length() > 200 ? null : f.preview()))
                .toList();
        tokenUses.evidence(
                app.key().value(),
                version.fileName() == null ? version.version() : version.fileName(),
                evidence,
                evidence.size(),
                SCANNER);
    }

    private void opened(
            App app,
            Hosting hosting,
            VersionRows.Row version,
            Finding first,
            String fp,
            String id,
            String where,
            @Nullable String preview,
            PolicyVersion policy,
            Instant scannedAt) {
        Rule rule = RULES.get(first.rule());
        Vulnerability vulnerable = first.vulnerability();
        String title = vulnerable != null
                ? "Vulnerable " + vulnerable.packageName() + " " + vulnerable.version() + " ("
                        + vulnerable.aliases().stream()
                                .filter(a -> a.startsWith("CVE-"))
                                .findFirst()
                                .orElse(vulnerable.advisory())
                        + ")"
                : rule == null ? first.rule() : rule.title();
        String ticket = null;
        String vector = vulnerable != null
                ? DependencyScores.vector(vulnerable)
                : policy.findingCvss(first.rule()).orElse(null);
        Double score = vulnerable != null && vector == null ? DependencyScores.score(first.severity()) : null;
        if (vector != null || score != null) {
            String note = "Found by Warden's scanner in version " + version.version() + " ("
                    + version.fileName() + ", SHA-256 " + version.sha256() + "), scanned at " + scannedAt
                    + ", at " + where + ": " + first.message()
                    + (preview != null ? ". Preview: " + preview : "") + ". Finding " + id + "."
                    + (score != null ? " " + DependencyScores.basis(first.severity(), score) : "");
            TicketView opened = tickets.report(
                    new TicketRequests.Report(
                            TicketType.SCANNER,
                            app.key().value(),
                            hosting,
                            clip(title + " in " + app.name(), 300),
                            vector,
                            score,
                            clip(note, 4000)),
                    SCANNER);
            ticket = opened.key();
        }
        ScanFinding created = new ScanFinding(
                id,
                app.key(),
                hosting,
                first.rule(),
                fp,
                clip(title, 200),
                where,
                preview,
                ticket,
                scannedAt,
                version.version(),
                version.version(),
                null,
                null,
                null);
        save(created, "SCAN_FINDING_FOUND", version);
    }

    private void save(ScanFinding f, String action, VersionRows.Row version) {
        Versioned<ScanFinding> read = findings.find(f.id()).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("app", f.app().value());
        details.put("version", version.version());
        details.put("rule", f.rule());
        details.put("location", f.location());
        if (f.ticket() != null) {
            details.put("ticket", f.ticket());
        }
        findings.save(read, f, SCANNER, action, details);
    }

    private void closeTicket(ScanFinding f, VersionRows.Row version, Instant scannedAt) {
        TicketView ticket = ticketOf(f);
        if (ticket != null && !ticket.status().closed()) {
            tickets.verifyPatched(
                    TicketKey.of(ticket.key()),
                    new TicketRequests.Note("Absent from version " + version.version() + " ("
                            + version.fileName() + "), scanned at " + scannedAt + ": verified fixed by Warden's"
                            + " scanner."),
                    SCANNER);
        }
    }

    private void reopenTicket(ScanFinding f, VersionRows.Row version, String where, Instant scannedAt) {
        TicketView ticket = ticketOf(f);
        if (ticket != null && ticket.status() == TicketStatus.PATCHED) {
            tickets.reopen(
                    TicketKey.of(ticket.key()),
                    new TicketRequests.Note("Found again in version " + version.version() + " at " + where
                            + ", scanned at " + scannedAt + "."),
                    SCANNER);
        }
    }

    private @Nullable TicketView ticketOf(ScanFinding f) {
        String key = f.ticket();
        return key == null ? null : tickets.get(TicketKey.of(key), SCANNER);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
