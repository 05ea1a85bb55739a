package dev.warden.server.domains;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.ScanFindings;
import dev.warden.server.policy.Policies;
import dev.warden.server.scanning.ScannedDescriptors;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
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
    static final String REGISTRATION_RULE = ScanFinding.REDIRECT_DOMAIN_RULES + "registration";
    /** The rules of the same checks on an app's own hosts (base URL, remote domains): tickets, no violation rule. */
    static final String APP_DOMAIN_RULES = "app-domain-";

    static final String APP_TAKEOVER_RULE = APP_DOMAIN_RULES + "takeover";
    static final String APP_REGISTRATION_RULE = APP_DOMAIN_RULES + "registration";
    /** The prefix of the endpoint checks' rules (TLS versions, certificate, HSTS): tickets, no violation rule. */
    static final String ENDPOINT_RULES = "endpoint-";
    /** The prefix of the Connect checks' rules (JWT as the authentication type, JWT validation, signed install). */
    static final String CONNECT_RULES = "connect-";

    static final Actor CHECKER = Actor.system("domain-check");

    private final DomainRows rows;
    private final RegistrationRows registrations;
    private final EndpointRows endpoints;

    private final ApplicationEventPublisher events;
    private final Apps apps;
    private final ScannedDescriptors declared;
    private final AuditTrail audit;
    private final ScanFindings findings;
    private final Tickets tickets;
    private final Policies policies;

    DomainFindings(
            DomainRows rows,
            RegistrationRows registrations,
            EndpointRows endpoints,
            ApplicationEventPublisher events,
            Apps apps,
            ScannedDescriptors declared,
            AuditTrail audit,
            ScanFindings findings,
            Tickets tickets,
            Policies policies) {
        this.rows = rows;
        this.registrations = registrations;
        this.endpoints = endpoints;
        this.events = events;
        this.apps = apps;
        this.declared = declared;
        this.audit = audit;
        this.findings = findings;
        this.tickets = tickets;
        this.policies = policies;
    }

    /**
     * Records a host's result (and its endpoint's, when it was checked) and brings the findings of every
     * app naming it in line.
     */
    void apply(
            String host,
            HostCheck.Result result,
            @Nullable Map<EndpointCheck.Aspect, EndpointCheck.Result> endpoint,
            Instant at,
            Instant next) {
        rows.record(host, result, at, next);
        if (endpoint != null) {
            endpoints.record(host, endpoint, at);
        }
        rows.targetsOn(host, null).stream()
                .map(DomainRows.TargetRow::app)
                .distinct()
                .forEach(app -> apps.find(AppKey.of(app)).ifPresent(a -> reconcile(a.value(), at)));
    }

    /**
     * Records a registrable domain's check and brings the findings of every app naming it in line; a
     * domain that starts expiring within the warning window is announced to each partner naming it.
     */
    void applyRegistration(
            String domain,
            RegistrationCheck.Result result,
            RdapClient.@Nullable Registration facts,
            Instant at,
            Instant next) {
        RegistrationCheck.Status before =
                registrations.find(domain).map(RegistrationRows.Row::status).orElse(null);
        registrations.record(domain, result, facts, at, next);
        List<DomainRows.TargetRow> naming = rows.targetsOfDomain(domain);
        naming.stream()
                .map(DomainRows.TargetRow::app)
                .distinct()
                .forEach(app -> apps.find(AppKey.of(app)).ifPresent(a -> reconcile(a.value(), at)));
        if (result.status() == RegistrationCheck.Status.EXPIRING
                && before != RegistrationCheck.Status.EXPIRING
                && facts != null
                && facts.expires() != null) {
            Map<String, List<DomainRows.TargetRow>> byPartner = new LinkedHashMap<>();
            naming.forEach(t -> byPartner
                    .computeIfAbsent(t.partner(), k -> new ArrayList<>())
                    .add(t));
            byPartner.forEach((partner, targets) -> events.publishEvent(new DomainExpiring(
                    dev.warden.core.catalog.PartnerId.of(partner),
                    domain,
                    facts.expires(),
                    targets.stream().map(DomainRows.TargetRow::app).distinct().toList(),
                    targets.stream().map(DomainRows.TargetRow::url).distinct().toList())));
        }
    }

    /**
     * Replaces the app's targets from its OAuth clients and brings its findings in line, in a transaction
     * of its own (it also runs after the catalog change's transaction committed).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void syncNew(App app, Instant at) {
        List<DomainTargets.Target> targets =
                DomainTargets.of(app, declared.latest(app.key().value()));
        if (rows.replaceTargets(app.key().value(), app.partner().value(), targets, at)) {
            targets.stream()
                    .map(DomainTargets.Target::registrable)
                    .filter(java.util.Objects::nonNull)
                    .distinct()
                    .forEach(d -> registrations.watch(d, at));
            reconcile(app, at);
        }
    }

    /** An analyst accepted a registrable domain's current registrar and registrant as the partner's. */
    void accept(String domain, Actor by, Instant at) {
        RegistrationRows.Row r = registrations.find(domain).orElseThrow();
        registrations.accept(domain, at);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("domain", domain);
        details.put("registrar", String.valueOf(r.registrar()));
        details.put("registrant", String.valueOf(r.registrant()));
        details.put("previousRegistrar", String.valueOf(r.acceptedRegistrar()));
        details.put("previousRegistrant", String.valueOf(r.acceptedRegistrant()));
        audit.record(by, "DOMAIN_TRANSFER_ACCEPTED", "domain", domain, null, details);
    }

    /** Forgets hosts no target names any more. */
    void dropOrphans() {
        rows.dropOrphans();
        registrations.dropOrphans();
        endpoints.dropOrphans();
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

    /**
     * What a target's host or registrable domain says: the finding it calls for (rule and subject), whether
     * the last check concluded, whether it fails, and how to tell it.
     */
    private record Concern(
            String rule,
            String subject,
            boolean concluded,
            boolean failing,
            String title,
            String detail,
            DomainRows.TargetRow target,
            @Nullable String vector) {}

    private List<Concern> concerns(App app) {
        Map<String, Concern> out = new LinkedHashMap<>();
        for (DomainRows.TargetRow t : rows.targetsOf(app.key().value())) {
            boolean redirect = t.kind() == DomainTargets.Kind.REDIRECT_URI;
            String what = redirect ? "Redirect URI" : "App";
            String takeover = redirect ? TAKEOVER_RULE : APP_TAKEOVER_RULE;
            if (!out.containsKey(takeover + t.host())) {
                DomainRows.HostRow h = rows.host(t.host()).orElse(null);
                HostCheck.Status s = h == null ? HostCheck.Status.PENDING : h.status();
                out.put(
                        takeover + t.host(),
                        new Concern(
                                takeover,
                                t.host(),
                                s != HostCheck.Status.PENDING && s != HostCheck.Status.INCOMPLETE,
                                s.failing(),
                                what
                                        + (s == HostCheck.Status.TAKEOVER
                                                ? (redirect
                                                        ? " open to subdomain takeover"
                                                        : " host open to subdomain takeover")
                                                : (redirect
                                                        ? " with a dangling CNAME"
                                                        : " host with a dangling CNAME")),
                                h == null || h.detail() == null ? "" : h.detail(),
                                t,
                                null));
                Map<EndpointCheck.Aspect, EndpointRows.Row> live = endpoints.of(t.host());
                for (EndpointCheck.Aspect aspect : EndpointCheck.Aspect.values()) {
                    if (out.containsKey(aspect.rule + t.host())) {
                        continue;
                    }
                    EndpointRows.Row e = live.get(aspect);
                    EndpointCheck.Status es = e == null ? EndpointCheck.Status.PENDING : e.status();
                    out.put(
                            aspect.rule + t.host(),
                            new Concern(
                                    aspect.rule,
                                    t.host(),
                                    es == EndpointCheck.Status.OK
                                            || es == EndpointCheck.Status.EXPIRING
                                            || es == EndpointCheck.Status.FAILING,
                                    es == EndpointCheck.Status.FAILING,
                                    redirect ? aspect.title : aspect.title.replace("Redirect URI host", "App host"),
                                    e == null || e.detail() == null ? "" : t.host() + " " + e.detail(),
                                    t,
                                    aspect.vector));
                }
            }
            String domain = t.registrable();
            String registration = redirect ? REGISTRATION_RULE : APP_REGISTRATION_RULE;
            if (domain != null && !out.containsKey(registration + domain)) {
                RegistrationRows.Row r = registrations.find(domain).orElse(null);
                RegistrationCheck.Status s = r == null ? RegistrationCheck.Status.PENDING : r.status();
                out.put(
                        registration + domain,
                        new Concern(
                                registration,
                                domain,
                                s != RegistrationCheck.Status.PENDING && s != RegistrationCheck.Status.INCOMPLETE,
                                s.failing(),
                                what
                                        + switch (s) {
                                            case REGISTRABLE -> " on a domain anyone can register";
                                            case TRANSFERRED -> " on a transferred domain";
                                            default -> " on an expired domain";
                                        },
                                r == null || r.detail() == null ? "" : r.detail(),
                                t,
                                null));
            }
        }
        return List.copyOf(out.values());
    }

    /** Brings the app's redirect-domain findings in line with its targets' last results. */
    private void reconcile(App app, Instant at) {
        String check = "domain check " + at.atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, ScanFinding> known = new LinkedHashMap<>();
        findings.of(app, null).stream()
                .filter(f -> f.rule().startsWith(ScanFinding.REDIRECT_DOMAIN_RULES)
                        || f.rule().startsWith(APP_DOMAIN_RULES)
                        || f.rule().startsWith(ENDPOINT_RULES)
                        || f.rule().startsWith(CONNECT_RULES))
                .forEach(f -> known.put(f.id(), f));
        Map<String, Boolean> fixable = new LinkedHashMap<>(); // finding id → whether it is fixed unless still failing
        List<Hosting> hostings = DomainTargets.hostingsOf(app);
        for (Concern c : concerns(app)) {
            for (Hosting hosting : hostings) {
                String id = ScanFinding.idOf(app.key(), hosting, c.rule(), fingerprint(c.rule(), c.subject()));
                fixable.put(id, c.concluded() && !c.failing());
                if (!c.failing()) {
                    continue;
                }
                String where = clip(c.target().url() + " (client " + c.target().clientId() + "): " + c.detail(), 2000);
                ScanFinding before = known.get(id);
                if (before == null) {
                    opened(app, hosting, id, c, where, check, at);
                } else if (before.state() == ScanFinding.State.FIXED) {
                    ScanFinding again = before.seenIn(check, where, clip(c.subject(), 200));
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
                    save(before.seenIn(check, where, clip(c.subject(), 200)), "SCAN_FINDING_SEEN");
                }
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
                                            : "No redirect URI of the app names " + f.preview() + " any more (" + at
                                                    + "): verified fixed by Warden."),
                            CHECKER);
                }
            }
        }
    }

    private void opened(App app, Hosting hosting, String id, Concern c, String where, String check, Instant at) {
        dev.warden.core.policy.PolicyVersion policy = policies.inForce().inForceAt(at);
        String vector = c.vector() == null ? null : policy.findingCvss(c.rule()).orElse(c.vector());
        Double score = vector == null ? policy.oauth().takeoverCvss() : null;
        String what = c.rule().startsWith(CONNECT_RULES)
                ? "is the base URL of a Connect app that falls short of the policy (JWT authentication, every JWT"
                        + " validated server-side, signed install callbacks): " + c.detail() + "."
                : c.rule().startsWith(ENDPOINT_RULES)
                        ? "is on " + c.subject()
                                + ", whose HTTPS endpoint falls short of the policy (TLS 1.2 or higher, a valid"
                                + " certificate from a trusted CA, HSTS of at least a year): " + c.detail() + "."
                        : c.rule().endsWith("takeover")
                                ? "is on " + c.subject() + ": " + c.detail()
                                        + ". Whoever claims the name receives the authorization"
                                        + " codes sent to this URI. Remove the DNS record (or claim the resource again), or remove the"
                                        + " redirect URI."
                                : "is on the domain " + c.subject() + ": " + c.detail()
                                        + ". Whoever holds the domain receives the"
                                        + " authorization codes sent to this URI. Renew or recover the domain (or confirm to the"
                                        + " operator that the transfer was yours), or remove the redirect URI.";
        String note = "Found by Warden's domain check at " + at + ". The redirect URI "
                + c.target().url() + " of OAuth client " + c.target().clientId() + " " + what + " Finding " + id + ".";
        TicketView opened = tickets.report(
                new TicketRequests.Report(
                        TicketType.SCANNER,
                        app.key().value(),
                        hosting,
                        clip(c.title() + " (" + c.subject() + ") in " + app.name(), 300),
                        vector,
                        score,
                        clip(note, 4000)),
                CHECKER);
        save(
                new ScanFinding(
                        id,
                        app.key(),
                        hosting,
                        c.rule(),
                        fingerprint(c.rule(), c.subject()),
                        c.title(),
                        where,
                        clip(c.subject(), 200),
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
