package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/bounty-programs}: bug bounty programs, and each partner's coverage (docs/policy section 5). */
@RestController
@Tag(name = "Bug bounty programs", description = "Programs, the apps they cover, and which apps must have one")
class BountyProgramApiController {
    private final BountyPrograms programs;

    BountyProgramApiController(BountyPrograms programs) {
        this.programs = programs;
    }

    @GetMapping("/api/v1/bounty-programs")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "List bug bounty programs",
            description = "Filter by partner and status (ACTIVE, PAUSED," + " DEACTIVATED).")
    Page<BountyProgram> list(
            @RequestParam(required = false) @Nullable PartnerId partner,
            @RequestParam(required = false) BountyProgram.@Nullable Status status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return programs.list(partner, status, new Paging(page, size), actor).map(Versioned::value);
    }

    @GetMapping("/api/v1/bounty-programs/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(summary = "Get a bug bounty program", description = "The ETag carries its version for If-Match.")
    ResponseEntity<BountyProgram> get(@PathVariable String id, Actor actor) {
        return ok(programs.get(id, actor));
    }

    @PostMapping("/api/v1/bounty-programs")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Register a bug bounty program",
            description = "Body: platform, apps, visibility (PRIVATE, SCHEDULED with publicOn, PUBLIC), scheduledOn"
                    + " (the day the go-public was scheduled; default today when SCHEDULED), launchedOn, funded,"
                    + " medianTriageDays, lastActivityOn; the operator also names the partner.")
    ResponseEntity<BountyProgram> create(@RequestBody ObligationRequests.ProgramRequest body, Actor actor) {
        Versioned<BountyProgram> created = programs.create(body, actor);
        return ResponseEntity.created(
                        URI.create("/api/v1/bounty-programs/" + created.value().id()))
                .eTag(ETags.of(created.version()))
                .body(created.value());
    }

    @PutMapping("/api/v1/bounty-programs/{id}")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Update a bug bounty program",
            description = "The whole program as for registering it. Only the operator changes status. Send If-Match.")
    ResponseEntity<BountyProgram> replace(
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
            @RequestBody ObligationRequests.ProgramRequest body,
            Actor actor) {
        return ok(programs.replace(id, body, ETags.ifMatch(ifMatch), actor));
    }

    @GetMapping("/api/v1/partners/{id}/bounty-coverage")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Which apps must have a bug bounty program",
            description = "Each app the policy's tier table (or the Cloud Fortified badge) puts in scope, why, and the"
                    + " active program covering it, if any.")
    BountyPrograms.CoverageView coverage(@PathVariable String id, Actor actor) {
        return programs.coverage(id, actor);
    }

    private static ResponseEntity<BountyProgram> ok(Versioned<BountyProgram> p) {
        return ResponseEntity.ok().eTag(ETags.of(p.version())).body(p.value());
    }
}
