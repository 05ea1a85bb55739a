package dev.warden.server.catalog;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.Tier;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.api.CheckedBody;
import dev.warden.server.api.ETags;
import dev.warden.server.shared.Actor;
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

/** {@code /api/v1/partners}: the partners of the marketplace. */
@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners", description = "Partners (app vendors), their tier, status and security contacts")
class PartnerApiController {
    private final Partners partners;

    PartnerApiController(Partners partners) {
        this.partners = partners;
    }

    @GetMapping
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List partners",
            description =
                    "Filter by tier, status or text in the name; sort by id, name or tier (prefix - for descending).")
    Page<Partner> list(
            @RequestParam(required = false) @Nullable Tier tier,
            @RequestParam(required = false) @Nullable PartnerStatus status,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return partners.list(new PartnerQuery(null, tier, status, q, sort), new Paging(page, size), actor)
                .map(Versioned::value);
    }

    @GetMapping("/{id}")
    @Requires(Permission.CATALOG_READ)
    @Operation(summary = "Get a partner", description = "The ETag header carries the partner's version for If-Match.")
    ResponseEntity<Partner> get(@PathVariable String id, Actor actor) {
        return ok(partners.visible(id, actor));
    }

    @PostMapping
    @Requires(Permission.CATALOG_WRITE)
    @Operation(summary = "Create a partner")
    ResponseEntity<Partner> create(@CheckedBody("partner") @RequestBody Partner partner, Actor actor) {
        Versioned<Partner> created = partners.create(partner, actor);
        return ResponseEntity.created(URI.create("/api/v1/partners/" + partner.id()))
                .eTag(ETags.of(created.version()))
                .body(created.value());
    }

    @PutMapping("/{id}")
    @Requires(Permission.CATALOG_WRITE)
    @Operation(
            summary = "Replace a partner",
            description = "Send If-Match with the ETag you read to refuse lost updates.")
    ResponseEntity<Partner> replace(
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
            @CheckedBody("partner") @RequestBody Partner partner,
            Actor actor) {
        PartnerId target = partners.visible(id, actor).value().id();
        if (!partner.id().equals(target)) {
            throw new InvalidInputException("/id", "does not match the partner in the URL ('" + target + "')");
        }
        return ok(partners.replace(partner, ETags.ifMatch(ifMatch), actor));
    }

    private static ResponseEntity<Partner> ok(Versioned<Partner> partner) {
        return ResponseEntity.ok().eTag(ETags.of(partner.version())).body(partner.value());
    }
}
