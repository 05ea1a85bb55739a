package dev.warden.server.catalog;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.api.CheckedBody;
import dev.warden.server.api.ETags;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/apps}: the apps of the marketplace with listings, badges and OAuth clients. */
@RestController
@RequestMapping("/api/v1/apps")
@Tag(name = "Apps", description = "Apps, their Cloud and Data Center listings, badges and OAuth clients")
class AppApiController {
    private final Apps apps;

    AppApiController(Apps apps) {
        this.apps = apps;
    }

    @GetMapping
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List apps",
            description = "Filter by partner, badge, text in the name, and by listing: hosting, state and paid"
                    + " (all three must hold for the same listing). Sort by key, name, partner or firstListedOn.")
    Page<App> list(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(required = false) @Nullable ListingState state,
            @RequestParam(required = false) @Nullable Boolean paid,
            @RequestParam(required = false) @Nullable Badge badge,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        if (partner != null && !PartnerId.isValid(partner)) {
            throw new InvalidParameterException("partner", "is not a partner id");
        }
        Paging paging = new Paging(page, size);
        PartnerId owner = partner == null ? null : PartnerId.of(partner);
        return apps.list(new AppQuery(owner, hosting, state, paid, badge, q, sort), paging, actor)
                .map(Versioned::value);
    }

    @GetMapping("/{key}")
    @Requires(Permission.CATALOG_READ)
    @Operation(summary = "Get an app", description = "The ETag header carries the app's version for If-Match.")
    ResponseEntity<App> get(@PathVariable String key, Actor actor) {
        return ok(visible(key, actor));
    }

    @PostMapping
    @Requires(Permission.CATALOG_WRITE)
    @Operation(
            summary = "Create an app",
            description = "The partner must exist; OAuth client ids are unique across the marketplace.")
    ResponseEntity<App> create(@CheckedBody("app") @RequestBody App app, Actor actor) {
        Versioned<App> created = apps.create(app, actor);
        return ResponseEntity.created(URI.create("/api/v1/apps/" + app.key()))
                .eTag(ETags.of(created.version()))
                .body(created.value());
    }

    @PutMapping("/{key}")
    @Requires(Permission.CATALOG_WRITE)
    @Operation(summary = "Replace an app", description = "Send If-Match with the ETag you read to refuse lost updates.")
    ResponseEntity<App> replace(
            @PathVariable String key,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
            @CheckedBody("app") @RequestBody App app,
            Actor actor) {
        AppKey target = visible(key, actor).value().key();
        if (!app.key().equals(target)) {
            throw new InvalidInputException("/key", "does not match the app in the URL ('" + target + "')");
        }
        return ok(apps.replace(app, ETags.ifMatch(ifMatch), actor));
    }

    private static ResponseEntity<App> ok(Versioned<App> app) {
        return ResponseEntity.ok().eTag(ETags.of(app.version())).body(app.value());
    }

    private Versioned<App> visible(String key, Actor actor) {
        return apps.visible(key, actor);
    }
}
