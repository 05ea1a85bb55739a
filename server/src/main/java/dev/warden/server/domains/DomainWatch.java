package dev.warden.server.domains;

import com.google.common.net.InetAddresses;
import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.CatalogChanged;
import dev.warden.server.policy.Policies;
import dev.warden.server.scanning.ScannedDescriptors;
import dev.warden.server.scanning.VersionScanned;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.OutboundAddresses;
import dev.warden.server.shared.Shutdowns;
import dev.warden.server.shared.Versioned;
import jakarta.annotation.PreDestroy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Watches the hosts of every app's redirect URIs: keeps the targets in step with the catalog (at each
 * app's change, and all of them every {@code warden.domains.sync-every}), checks each host once a day at
 * its own minute of the day (so checks spread over the day) and at once when it is new or asked for, and
 * hands each result to the findings. The network part of a check runs outside any transaction.
 */
@Service
public class DomainWatch {
    private static final Logger log = LoggerFactory.getLogger(DomainWatch.class);
    /** A check that could not conclude is tried again this soon. */
    static final Duration RETRY = Duration.ofHours(1);
    /** A host checked this recently is not checked again on demand. */
    static final Duration ON_DEMAND_EVERY = Duration.ofMinutes(1);

    private final DomainRows rows;
    private final DomainFindings findings;
    private final DomainViews views;
    private final Apps apps;
    private final DomainSettings settings;
    private final Clock clock;
    private final HostCheck hostCheck;
    private final ExecutorService pool;
    private final EndpointCheck endpointCheck;
    private final ConnectCheck connectCheck;
    private final ScannedDescriptors declared;

    private final RdapClient rdap;
    private final RegistrationRows registrations;
    private final Policies policies;
    private volatile Instant lastSync = Instant.EPOCH;

    DomainWatch(
            DomainRows rows,
            DomainFindings findings,
            DomainViews views,
            Apps apps,
            DomainSettings settings,
            RegistrationRows registrations,
            Policies policies,
            ScannedDescriptors declared,
            OutboundAddresses outbound,
            Clock clock) {
        this.registrations = registrations;
        this.policies = policies;
        this.rows = rows;
        this.findings = findings;
        this.views = views;
        this.apps = apps;
        this.settings = settings;
        this.clock = clock;
        HostPacer pacer = new HostPacer(settings.perHostInterval());
        this.hostCheck = new HostCheck(
                new DnsProbe(settings.servers(), settings.dnsTimeout()),
                new TakeoverCheck(TakeoverFingerprints.bundled()),
                pacer,
                outbound.allowsPrivate(),
                settings);
        this.endpointCheck = new EndpointCheck(settings.trust(), pacer, settings, clock);
        this.connectCheck = new ConnectCheck(endpointCheck.tls(), pacer, settings, clock);
        this.declared = declared;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "domain-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.httpTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.rdap = new RdapClient(
                new RdapBootstrap(settings.rdapBootstrap(), http, settings.httpTimeout(), clock),
                http,
                settings.httpTimeout(),
                new HostPacer(settings.perHostInterval()));
    }

    /** An app was created or changed: its redirect URIs are read again (new hosts are due at once). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CatalogChanged event) {
        if (event.what().equals("app")) {
            apps.find(AppKey.of(event.id())).map(Versioned::value).ifPresent(this::syncLater);
        }
    }

    /** A version was scanned: what the app declares (base URL, remote domains) is read again. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(VersionScanned event) {
        apps.find(AppKey.of(event.app())).map(Versioned::value).ifPresent(this::syncLater);
    }

    private void syncLater(App app) {
        try {
            findings.syncNew(app, clock.instant());
        } catch (RuntimeException e) {
            log.warn(
                    "domain targets of {} not read after its change (the next full reading will): {}",
                    app.key(),
                    e.toString());
        }
    }

    /** Reads every app's redirect URIs again and forgets hosts no one names. */
    public int syncAll() {
        Instant now = clock.instant();
        List<App> all = apps.all();
        for (App app : all) {
            findings.syncNew(app, now);
        }
        findings.dropOrphans();
        lastSync = now;
        return all.size();
    }

    /** The background round: a full reading when one is due, then the hosts due a check. */
    public Round round() {
        if (!clock.instant().isBefore(lastSync.plus(settings.syncEvery()))) {
            syncAll();
        }
        // The network work of a round runs on the pool (the per-host rate limit keeps it polite); the
        // results are applied one at a time, in order, so two hosts of one app never race for its findings.
        int checked = 0;
        int failing = 0;
        List<Future<Probed>> hosts = rows.due(clock.instant(), settings.batchSize()).stream()
                .map(host -> pool.submit(() -> probe(host)))
                .toList();
        for (Future<Probed> f : hosts) {
            Probed p = await(f);
            if (p != null) {
                apply(p);
                checked++;
                failing += p.result().status().failing() ? 1 : 0;
            }
        }
        int domains = 0;
        List<Future<Looked>> lookups = registrations.due(clock.instant(), settings.batchSize()).stream()
                .map(domain -> pool.submit(() -> lookup(domain)))
                .toList();
        for (Future<Looked> f : lookups) {
            Looked l = await(f);
            if (l != null) {
                apply(l);
                domains++;
                failing += l.result().status().failing() ? 1 : 0;
            }
        }
        return new Round(checked, domains, failing);
    }

    private static <T> @Nullable T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        } catch (ExecutionException e) {
            log.warn("a domain check failed", e.getCause());
            return null;
        }
    }

    /** A host's check, done, not yet recorded. */
    private record Probed(
            String host,
            HostCheck.Result result,
            @Nullable Map<EndpointCheck.Aspect, EndpointCheck.Result> endpoint,
            Instant at,
            Instant next) {}

    /** A registration's check, done, not yet recorded. */
    private record Looked(
            String domain,
            RegistrationCheck.Result result,
            RdapClient.@Nullable Registration facts,
            Instant at,
            Instant next) {}

    private synchronized void apply(Probed p) {
        findings.apply(p.host(), p.result(), p.endpoint(), p.at(), p.next());
    }

    private synchronized void apply(Looked l) {
        findings.applyRegistration(l.domain(), l.result(), l.facts(), l.at(), l.next());
    }

    @PreDestroy
    void stop() {
        Shutdowns.gently(pool, java.time.Duration.ofSeconds(10));
    }

    /** What a round did: hosts and registrable domains checked, and how many of them fail. */
    public record Round(int hosts, int domains, int failing) {}

    /** Asks RDAP about a registrable domain and records what it says. */
    RegistrationCheck.Result checkRegistration(String domain) {
        Looked l = lookup(domain);
        apply(l);
        return l.result();
    }

    private Looked lookup(String domain) {
        Instant at = clock.instant();
        RegistrationRows.Row before = registrations.find(domain).orElse(null);
        RdapClient.Registration facts = null;
        RegistrationCheck.Result result;
        try {
            facts = rdap.lookup(domain);
            result = RegistrationCheck.judge(
                    domain,
                    facts,
                    before == null ? null : before.acceptedRegistrar(),
                    before == null ? null : before.acceptedRegistrant(),
                    at,
                    policies.inForce().inForceAt(at).oauth().domainExpiryWarningDays());
        } catch (java.io.IOException | RuntimeException e) {
            result = new RegistrationCheck.Result(
                    RegistrationCheck.Status.INCOMPLETE, "the registration could not be read: " + e.getMessage());
        }
        Instant next = result.status() == RegistrationCheck.Status.INCOMPLETE ? at.plus(RETRY) : nextDaily(domain, at);
        return new Looked(domain, result, facts, at, next);
    }

    /** Checks a host now, on someone's demand; a partner may ask only for its own apps' hosts. */
    public DomainViews.HostView checkNow(String host, Actor actor) {
        String name = host.toLowerCase(Locale.ROOT);
        DomainRows.HostRow row = rows.host(name).orElse(null);
        if (row == null || !visible(name, actor)) {
            throw new NotFoundException("No checked host '" + host + "'");
        }
        if (row.checkedAt() != null && row.checkedAt().isAfter(clock.instant().minus(ON_DEMAND_EVERY))) {
            return views.host(name, actor); // checked this minute: asking again does not hammer its servers
        }
        apply(probe(name));
        String domain = DomainTargets.registrable(name);
        if (domain != null && registrations.find(domain).isPresent()) {
            checkRegistration(domain);
        }
        return views.host(name, actor);
    }

    /**
     * Takes a registrable domain's current registrar and registrant as the partner's (an analyst confirmed
     * the transfer was the partner's own), and checks it again at once.
     */
    public DomainViews.RegistrationView accept(String domain, Actor actor) {
        String name = domain.toLowerCase(Locale.ROOT);
        views.registration(name, actor); // exists, and the actor may see it
        findings.accept(name, actor, clock.instant());
        checkRegistration(name);
        return views.registration(name, actor);
    }

    private boolean visible(String host, Actor actor) {
        return actor.partner() == null
                || !rows.targetsOn(host, actor.partner().value()).isEmpty();
    }

    /** A host's checks, over the network: DNS and takeover, then its HTTPS endpoint. Records nothing. */
    private Probed probe(String host) {
        Instant at = clock.instant();
        HostCheck.Result result;
        try {
            result = hostCheck.check(host);
        } catch (RuntimeException e) {
            log.warn("domain check of {} failed", host, e);
            result = new HostCheck.Result(HostCheck.Status.INCOMPLETE, "the check failed: " + e.getMessage(), null);
        }
        Map<EndpointCheck.Aspect, EndpointCheck.Result> endpoint = null;
        if (rows.hasHttpsTarget(host)) {
            try {
                endpoint = result.status() == HostCheck.Status.OK
                                && !result.addresses().isEmpty()
                        ? endpointCheck.check(
                                host,
                                result.addresses().stream()
                                        .map(InetAddresses::forString)
                                        .toList())
                        : notJudged(result);
                ScannedDescriptors.Declared connect = connectApp(host);
                if (connect != null
                        && result.status() == HostCheck.Status.OK
                        && !result.addresses().isEmpty()) {
                    endpoint.putAll(connectCheck.check(
                            host,
                            result.addresses().stream()
                                    .map(InetAddresses::forString)
                                    .toList(),
                            connect));
                }
            } catch (RuntimeException e) {
                log.warn("endpoint check of {} failed", host, e);
                endpoint = null; // the last results stand
            }
        }
        Instant next = result.status() == HostCheck.Status.INCOMPLETE ? at.plus(RETRY) : nextDaily(host, at);
        return new Probed(host, result, endpoint, at, next);
    }

    /** The Connect descriptor whose base URL is on the host, of the first app that declares one. */
    private ScannedDescriptors.@Nullable Declared connectApp(String host) {
        return rows.targetsOn(host, null).stream()
                .filter(t -> t.kind() == DomainTargets.Kind.BASE_URL)
                .map(DomainRows.TargetRow::app)
                .distinct()
                .flatMap(app -> declared.latest(app).stream())
                .filter(d -> d.type().equals("connect")
                        && d.baseUrl() != null
                        && host.equals(DomainTargets.hostOf(d.baseUrl())))
                .findFirst()
                .orElse(null);
    }

    private static Map<EndpointCheck.Aspect, EndpointCheck.Result> notJudged(HostCheck.Result host) {
        Map<EndpointCheck.Aspect, EndpointCheck.Result> out = new java.util.EnumMap<>(EndpointCheck.Aspect.class);
        for (EndpointCheck.Aspect a : EndpointCheck.Aspect.values()) {
            out.put(
                    a,
                    new EndpointCheck.Result(
                            EndpointCheck.Status.INCOMPLETE,
                            "not judged: the host is " + host.status().name().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /**
     * The host's next daily check: at its own minute of the day (from its name), at least 12 hours after
     * {@code at}, so a marketplace's hosts spread over the day and each is checked about daily.
     */
    static Instant nextDaily(String host, Instant at) {
        int minute = Math.floorMod(java.util.Arrays.hashCode(host.getBytes(StandardCharsets.UTF_8)), 24 * 60);
        Instant candidate = at.atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .plusMinutes(minute)
                .toInstant();
        Instant earliest = at.plus(Duration.ofHours(12));
        while (!candidate.isAfter(earliest)) {
            candidate = candidate.plus(Duration.ofDays(1));
        }
        return candidate;
    }
}
