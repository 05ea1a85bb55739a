package dev.warden.server.domains;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.ScanFindings;
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
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the hosts' results into findings on the apps whose redirect URIs name them: a host lost to
 * takeover (or left dangling) is a {@code redirect-domain-takeover} finding on each affected listing,
 * which opens a SCANNER ticket at the policy's {@code oauth.takeoverCvss} (9.0); a later check that
 * passes, or the redirect URI's removal, verifies it fixed and closes the ticket; a host failing again
 * reopens both. A check that could not conclude changes nothing, and a false positive stays closed.
 */
@Component
@Transactional
class DomainFindings {
    static final String TAKEOVER_RULE = ScanFinding.REDIRECT_DOMAIN_RULES + "takeover";
    static final Actor CHECKER = Actor.system("domain-check");

    private final DomainRows rows;
    private final Apps apps;
    private final ScanFindings findings;
    private final Tickets tickets;
    private final Policies policies;

    DomainFindings(DomainRows rows, Apps apps, ScanFindings findings, Tickets tickets, Policies policies) {
        this.rows = rows;
        this.apps = apps;
        this.findings = findings;
        this.tickets = tickets;
        this.policies = policies;
    }

    /** Records a host's result and brings the findings of every app naming it in line. */
    void apply(String host, HostCheck.Result result, Instant at, Instant next) {
        rows.record(host, result, at, next);
        rows.targetsOn(host, null).stream()
                .map(DomainRows.TargetRow::app)
                .distinct()
                .forEach(app -> apps.find(AppKey.of(app)).ifPresent(a -> reconcile(a.value(), at)));
    }

    /**
     * Replaces the app's targets from its OAuth clients and brings its findings in line, in a transaction
     * of its own (it also runs after the catalog change's transaction committed).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    void syncNew(App app, Instant at) {
        if (rows.replaceTargets(app.key().value(), app.partner().value(), DomainTargets.of(app), at)) {
            reconcile(app, at);
        }
    }

    /** Forgets hosts no target names any more. */
    void dropOrphans() {
        rows.dropOrphans();
    }

    static String fingerprint(String rule, String host) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((rule + '\0' + host).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The findings the app's targets call for, by id, with the first target on each failing host. */
    private void reconcile(App app, Instant at) {
        String check = "domain check " + at.atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, DomainRows.TargetRow> firstOnHost = new LinkedHashMap<>();
        rows.targetsOf(app.key().value()).forEach(t -> firstOnHost.putIfAbsent(t.host(), t));
        Map<String, ScanFinding> known = new LinkedHashMap<>();
        findings.of(app, null).stream()
                .filter(f -> f.rule().startsWith(ScanFinding.REDIRECT_DOMAIN_RULES))
                .forEach(f -> known.put(f.id(), f));
        Map<String, Boolean> fixable = new LinkedHashMap<>(); // finding id → whether it is fixed unless still failing
        List<Hosting> hostings = DomainTargets.hostingsOf(app);
        for (DomainRows.TargetRow target : firstOnHost.values()) {
            DomainRows.HostRow host = rows.host(target.host()).orElse(null);
            for (Hosting hosting : hostings) {
                String id =
                        ScanFinding.idOf(app.key(), hosting, TAKEOVER_RULE, fingerprint(TAKEOVER_RULE, target.host()));
                boolean unknown = host == null
                        || host.status() == HostCheck.Status.INCOMPLETE
                        || host.status() == HostCheck.Status.PENDING;
                fixable.put(id, !unknown);
                if (host == null || !host.status().failing()) {
                    continue;
                }
                String where = clip(target.url() + " (client " + target.clientId() + "): " + host.detail(), 2000);
                ScanFinding before = known.get(id);
                if (before == null) {
                    opened(app, hosting, id, target, host, where, check, at);
                } else if (before.state() == ScanFinding.State.FIXED) {
                    ScanFinding again = before.seenIn(check, where, target.host());
                    save(again, "SCAN_FINDING_REOPENED");
                    TicketView ticket = ticketOf(again);
                    if (ticket != null && ticket.status() == TicketStatus.PATCHED) {
                        tickets.reopen(
                                TicketKey.of(ticket.key()),
                                new TicketRequests.Note("The domain check of " + at + " found it again: " + where),
                                CHECKER);
                    }
                } else if (before.state() == ScanFinding.State.OPEN
                        && !before.location().equals(where)) {
                    save(before.seenIn(check, where, target.host()), "SCAN_FINDING_SEEN");
                }
                fixable.put(id, false); // failing: stays open
            }
        }
        for (ScanFinding f : known.values()) {
            boolean fixed = fixable.getOrDefault(f.id(), true); // not named any more: the URI went away
            if (f.state() == ScanFinding.State.OPEN && fixed) {
                save(f.fixedIn(check, at), "SCAN_FINDING_FIXED");
                TicketView ticket = ticketOf(f);
                if (ticket != null && !ticket.status().closed()) {
                    tickets.verifyPatched(
                            TicketKey.of(ticket.key()),
                            new TicketRequests.Note(
                                    fixable.containsKey(f.id())
                                            ? "The domain check of " + at + " passed: verified fixed by Warden."
                                            : "No redirect URI of the app names this host any more (" + at
                                                    + "): verified fixed by Warden."),
                            CHECKER);
                }
            }
        }
    }

    private void opened(
            App app,
            Hosting hosting,
            String id,
            DomainRows.TargetRow target,
            DomainRows.HostRow host,
            String where,
            String check,
            Instant at) {
        boolean takeover = host.status() == HostCheck.Status.TAKEOVER;
        String title = takeover ? "Redirect URI open to subdomain takeover" : "Redirect URI with a dangling CNAME";
        double score = policies.inForce().inForceAt(at).oauth().takeoverCvss();
        String note = "Found by Warden's domain check at " + at + ". The redirect URI " + target.url()
                + " of OAuth client " + target.clientId() + " is on " + target.host() + ": " + host.detail()
                + ". Whoever claims the name receives the authorization codes sent to this URI. Remove the"
                + " DNS record (or claim the resource again), or remove the redirect URI. Finding " + id + ".";
        TicketView opened = tickets.report(
                new TicketRequests.Report(
                        TicketType.SCANNER,
                        app.key().value(),
                        hosting,
                        clip(title + " (" + target.host() + ") in " + app.name(), 300),
                        null,
                        score,
                        clip(note, 4000)),
                CHECKER);
        save(
                new ScanFinding(
                        id,
                        app.key(),
                        hosting,
                        TAKEOVER_RULE,
                        fingerprint(TAKEOVER_RULE, target.host()),
                        title,
                        where,
                        clip(target.host(), 200),
                        opened.key(),
                        at,
                        check,
                        check,
                        null,
                        null,
                        null),
                "SCAN_FINDING_FOUND");
    }

    private void save(ScanFinding f, String action) {
        Versioned<ScanFinding> read = findings.find(f.id()).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("app", f.app().value());
        details.put("rule", f.rule());
        details.put("location", f.location());
        if (f.ticket() != null) {
            details.put("ticket", f.ticket());
        }
        findings.save(read, f, CHECKER, action, details);
    }

    private @Nullable TicketView ticketOf(ScanFinding f) {
        String key = f.ticket();
        return key == null ? null : tickets.get(TicketKey.of(key), CHECKER);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
