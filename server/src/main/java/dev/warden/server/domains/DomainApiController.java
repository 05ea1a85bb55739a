package dev.warden.server.domains;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/domains}: the hosts of the apps' redirect URIs and what their checks found. */
@RestController
@Tag(name = "Domains", description = "Redirect-URI hosts watched for subdomain takeover")
class DomainApiController {
    private final DomainViews views;
    private final DomainWatch watch;

    DomainApiController(DomainViews views, DomainWatch watch) {
        this.views = views;
        this.watch = watch;
    }

    @GetMapping("/api/v1/domains")
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List checked hosts",
            description = "Failing hosts first (longest failing first), then by name. failing=true: only the"
                    + " failing ones. A partner sees the hosts of its own apps' redirect URIs.")
    Page<DomainViews.HostView> list(
            @RequestParam(required = false) @Nullable PartnerId partner,
            @RequestParam(defaultValue = "false") boolean failing,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Actor actor) {
        return views.list(partner, failing, new Paging(page, size), actor);
    }

    @GetMapping("/api/v1/domains/registrations")
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List the registrable domains of redirect URIs",
            description = "What each one's RDAP server last said: failing (expired, registrable, transferred)"
                    + " first, then expiring within the policy's warning window. failing=true: only those two.")
    Page<DomainViews.RegistrationView> registrations(
            @RequestParam(required = false) @Nullable PartnerId partner,
            @RequestParam(defaultValue = "false") boolean failing,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Actor actor) {
        return views.registrations(partner, failing, new Paging(page, size), actor);
    }

    @GetMapping("/api/v1/domains/registrations/{domain}")
    @Requires(Permission.CATALOG_READ)
    @Operation(summary = "One registrable domain: its registration and history")
    DomainViews.RegistrationView registration(@PathVariable String domain, Actor actor) {
        return views.registration(domain, actor);
    }

    @PostMapping("/api/v1/domains/registrations/{domain}/accept")
    @Requires(Permission.CATALOG_WRITE)
    @Operation(
            summary = "Accept a domain's transfer",
            description = "Takes the current registrar and registrant as the partner's (after the partner showed"
                    + " the transfer was its own) and checks the domain again; its TRANSFERRED finding is then fixed.")
    DomainViews.RegistrationView accept(@PathVariable String domain, Actor actor) {
        return watch.accept(domain, actor);
    }

    @GetMapping("/api/v1/domains/{host}")
    @Requires(Permission.CATALOG_READ)
    @Operation(summary = "One host: its last result, the redirect URIs naming it and its history")
    DomainViews.HostView get(@PathVariable String host, Actor actor) {
        return views.host(host, actor);
    }

    @PostMapping("/api/v1/domains/{host}/check")
    @Requires(Permission.DOMAINS_CHECK)
    @Operation(
            summary = "Check a host now",
            description = "Resolves it, judges it and updates its findings before answering (within the DNS"
                    + " and HTTP timeouts). A partner may check its own apps' hosts.")
    DomainViews.HostView check(@PathVariable String host, Actor actor) {
        return watch.checkNow(host, actor);
    }
}
