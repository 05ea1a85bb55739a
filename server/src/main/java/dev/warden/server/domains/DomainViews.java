package dev.warden.server.domains;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The domain checks as people and the API see them. A partner sees only the hosts its own apps' redirect
 * URIs name, and of each host only its own apps (another partner may name the same host).
 */
@Component
@Transactional(readOnly = true)
public class DomainViews {
    /** How many history entries a host's view shows. */
    static final int HISTORY = 50;

    private final DomainRows rows;
    private final RegistrationRows registrations;
    private final EndpointRows endpoints;

    DomainViews(DomainRows rows, RegistrationRows registrations, EndpointRows endpoints) {
        this.rows = rows;
        this.registrations = registrations;
        this.endpoints = endpoints;
    }

    /**
     * A host and what its last check found.
     *
     * @param status PENDING (not checked yet), OK, TAKEOVER, DANGLING, UNRESOLVED, REFUSED or INCOMPLETE
     * @param failingSince when the current failing status began; null while it passes
     * @param targets the redirect URIs naming it (the asker's own, for a partner)
     * @param history the changes of result, newest first (on a single host's view only)
     */
    public record HostView(
            String host,
            String status,
            @Nullable String detail,
            @Nullable String service,
            boolean failing,
            @Nullable Instant failingSince,
            @Nullable Instant checkedAt,
            Instant nextCheckAt,
            List<TargetView> targets,
            @Nullable List<CheckView> history,
            @Nullable RegistrationView registration,
            List<AspectView> endpoint,
            @Nullable List<CheckView> endpointHistory) {}

    /**
     * One aspect of the host's HTTPS endpoint (TLS, CERTIFICATE, HSTS) as last checked.
     *
     * @param status PENDING, OK, EXPIRING (certificate only: within 30 days), FAILING or INCOMPLETE
     */
    public record AspectView(
            String aspect,
            String status,
            boolean failing,
            @Nullable String detail,
            @Nullable Instant failingSince,
            Instant checkedAt) {}

    /**
     * The registration of a host's registrable domain, as its RDAP server last described it.
     *
     * @param status PENDING, ACTIVE, EXPIRING, EXPIRED, REGISTRABLE, TRANSFERRED, UNKNOWN or INCOMPLETE
     * @param acceptedRegistrar the registrar taken as the partner's (first seen, or accepted by an analyst)
     */
    public record RegistrationView(
            String domain,
            String status,
            boolean failing,
            @Nullable String detail,
            @Nullable Instant expiresAt,
            @Nullable String registrar,
            @Nullable String registrant,
            @Nullable String rdapStatus,
            @Nullable String acceptedRegistrar,
            @Nullable String acceptedRegistrant,
            @Nullable Instant failingSince,
            @Nullable Instant checkedAt,
            @Nullable List<CheckView> history) {}

    /** A redirect URI naming a host. */
    public record TargetView(
            String app,
            String partner,
            String clientId,
            String url,
            @Nullable String registrable,
            String kind) {}

    /** A change of a host's result. */
    public record CheckView(String status, @Nullable String detail, Instant checkedAt) {}

    /** The hosts, failing ones first (longest failing first), then by name. */
    public Page<HostView> list(
            dev.warden.core.catalog.@Nullable PartnerId partnerFilter,
            boolean failingOnly,
            Paging paging,
            Actor actor) {
        PartnerScope scope = PartnerScope.of(partnerFilter, actor);
        if (scope.none()) {
            return Page.of(List.of(), paging, 0);
        }
        List<HostView> items = rows.hosts(scope.value(), failingOnly, paging.size(), (int) paging.offset()).stream()
                .map(h -> view(h, scope.value(), false))
                .toList();
        return Page.of(items, paging, rows.count(scope.value(), failingOnly));
    }

    /** The registrable domains, failing first, then expiring; {@code failing}: only those. */
    public Page<RegistrationView> registrations(
            dev.warden.core.catalog.@Nullable PartnerId partnerFilter,
            boolean failingOnly,
            Paging paging,
            Actor actor) {
        PartnerScope scope = PartnerScope.of(partnerFilter, actor);
        if (scope.none()) {
            return Page.of(List.of(), paging, 0);
        }
        List<RegistrationView> items =
                registrations.list(scope.value(), failingOnly, paging.size(), paging.offset()).stream()
                        .map(r -> registration(r.domain(), false))
                        .filter(java.util.Objects::nonNull)
                        .toList();
        return Page.of(items, paging, registrations.count(scope.value(), failingOnly));
    }

    /** One registrable domain with its history; another partner's does not exist for a partner. */
    public RegistrationView registration(String domain, Actor actor) {
        String name = domain.toLowerCase(Locale.ROOT);
        boolean visible = actor.partner() == null
                || rows.targetsOfDomain(name).stream()
                        .anyMatch(t -> t.partner().equals(actor.partner().value()));
        RegistrationView view = visible ? registration(name, true) : null;
        if (view == null) {
            throw new NotFoundException("No watched domain '" + domain + "'");
        }
        return view;
    }

    /** One host with its history; another partner's host does not exist for a partner. */
    public HostView host(String host, Actor actor) {
        String name = host.toLowerCase(Locale.ROOT);
        String own = actor.partner() == null ? null : actor.partner().value();
        DomainRows.HostRow row =
                rows.host(name).orElseThrow(() -> new NotFoundException("No checked host '" + host + "'"));
        if (own != null && rows.targetsOn(name, own).isEmpty()) {
            throw new NotFoundException("No checked host '" + host + "'");
        }
        return view(row, own, true);
    }

    /** A redirect URI of an app with its host's last result, for the app's page. */
    public record AppTarget(
            String url,
            String clientId,
            String host,
            String status,
            boolean failing,
            @Nullable String detail,
            @Nullable Instant failingSince,
            @Nullable Instant checkedAt) {}

    /** The app's redirect URIs with what their hosts' checks found (the caller checked the app is visible). */
    public List<AppTarget> ofApp(String app) {
        return rows.targetsOf(app).stream()
                .map(t -> {
                    DomainRows.HostRow h = rows.host(t.host()).orElse(null);
                    return new AppTarget(
                            t.url(),
                            t.clientId(),
                            t.host(),
                            h == null
                                    ? HostCheck.Status.PENDING.name()
                                    : h.status().name(),
                            h != null && h.status().failing(),
                            h == null ? null : h.detail(),
                            h == null ? null : h.failingSince(),
                            h == null ? null : h.checkedAt());
                })
                .toList();
    }

    private HostView view(DomainRows.HostRow h, @Nullable String partner, boolean withHistory) {
        List<AspectView> endpoint = endpoints.of(h.host()).values().stream()
                .map(e -> new AspectView(
                        e.aspect().name(),
                        e.status().name(),
                        e.status() == EndpointCheck.Status.FAILING,
                        e.detail(),
                        e.failingSince(),
                        e.checkedAt()))
                .toList();
        Instant since = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(h.failingSince()),
                        endpoint.stream().map(AspectView::failingSince))
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        return new HostView(
                h.host(),
                h.status().name(),
                h.detail(),
                h.service(),
                h.status().failing() || endpoint.stream().anyMatch(AspectView::failing),
                since,
                h.checkedAt(),
                h.nextCheckAt(),
                rows.targetsOn(h.host(), partner).stream()
                        .map(t -> new TargetView(
                                t.app(),
                                t.partner(),
                                t.clientId(),
                                t.url(),
                                t.registrable(),
                                t.kind().name()))
                        .toList(),
                withHistory
                        ? rows.history(h.host(), HISTORY).stream()
                                .map(c -> new CheckView(c.status(), c.detail(), c.checkedAt()))
                                .toList()
                        : null,
                registration(DomainTargets.registrable(h.host()), withHistory),
                endpoint,
                withHistory
                        ? endpoints.history(h.host(), HISTORY).stream()
                                .map(c -> new CheckView(c.status(), c.detail(), c.checkedAt()))
                                .toList()
                        : null);
    }

    private @Nullable RegistrationView registration(@Nullable String domain, boolean withHistory) {
        if (domain == null) {
            return null;
        }
        RegistrationRows.Row r = registrations.find(domain).orElse(null);
        if (r == null) {
            return null;
        }
        return new RegistrationView(
                r.domain(),
                r.status().name(),
                r.status().failing(),
                r.detail(),
                r.expiresAt(),
                r.registrar(),
                r.registrant(),
                r.rdapStatus(),
                r.acceptedRegistrar(),
                r.acceptedRegistrant(),
                r.failingSince(),
                r.checkedAt(),
                withHistory
                        ? registrations.history(domain, HISTORY).stream()
                                .map(c -> new CheckView(c.status(), c.detail(), c.checkedAt()))
                                .toList()
                        : null);
    }
}
