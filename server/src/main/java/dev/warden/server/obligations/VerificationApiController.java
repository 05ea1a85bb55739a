package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Verification;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/verifications} and {@code /api/v1/entity-changes}: partner verification (docs/policy section 4). */
@RestController
@Tag(name = "Verification", description = "Partner identity verification and changes to the verified entity")
class VerificationApiController {
    private final Verifications verifications;

    VerificationApiController(Verifications verifications) {
        this.verifications = verifications;
    }

    @GetMapping("/api/v1/verifications")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "List verifications",
            description =
                    "Filter by partner and state (REQUESTED, SUBMITTED," + " INFO_REQUESTED, VERIFIED, REJECTED).")
    Page<Verifications.VerificationView> list(
            @RequestParam(required = false) @Nullable PartnerId partner,
            @RequestParam(required = false) Verification.@Nullable State state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return verifications.list(partner, state, new Paging(page, size), actor);
    }

    @GetMapping("/api/v1/verifications/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(summary = "Get a verification")
    Verifications.VerificationView get(@PathVariable String id, Actor actor) {
        return verifications.get(id, actor);
    }

    @PostMapping("/api/v1/verifications")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    @Operation(
            summary = "Ask a partner to verify",
            description = "Body: partner, requestedAt (default now). The partner has 14 days to submit.")
    ResponseEntity<Verifications.VerificationView> request(
            @RequestBody ObligationRequests.RequestVerification body, Actor actor) {
        Verifications.VerificationView created = verifications.request(body, actor);
        return ResponseEntity.created(URI.create(
                        "/api/v1/verifications/" + created.verification().id()))
                .body(created);
    }

    @PostMapping("/api/v1/verifications/{id}/events")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Take a verification step",
            description = "Body: type and note. The partner SUBMITTED and INFO_PROVIDED; the operator INFO_REQUESTED,"
                    + " VERIFIED, REJECTED.")
    Verifications.VerificationView addEvent(
            @PathVariable String id, @RequestBody ObligationRequests.VerificationEventRequest body, Actor actor) {
        return verifications.addEvent(id, body, actor);
    }

    @GetMapping("/api/v1/entity-changes")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(summary = "List changes to verified entities", description = "Filter by partner and reported.")
    Page<EntityChange> changes(
            @RequestParam(required = false) @Nullable PartnerId partner,
            @RequestParam(required = false) @Nullable Boolean reported,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return verifications
                .changes(partner, reported, new Paging(page, size), actor)
                .map(Versioned::value);
    }

    @GetMapping("/api/v1/entity-changes/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(summary = "Get a change to a verified entity")
    EntityChange change(@PathVariable String id, Actor actor) {
        return verifications.change(id, actor).value();
    }

    @PostMapping("/api/v1/entity-changes")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Report (or record) a change to the verified entity",
            description =
                    "Body: kind (ACQUISITION, CHANGE_OF_CONTROL, LEGAL_NAME), description, happenedOn. A partner's"
                            + " report is notified now; the operator names the partner, and the change stays unreported"
                            + " until the partner reports it.")
    ResponseEntity<EntityChange> recordChange(@RequestBody ObligationRequests.EntityChangeRequest body, Actor actor) {
        EntityChange created = verifications.recordChange(body, actor).value();
        return ResponseEntity.created(URI.create("/api/v1/entity-changes/" + created.id()))
                .body(created);
    }

    @PostMapping("/api/v1/entity-changes/{id}/report")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(summary = "Report a change the operator recorded", description = "Marks it notified now.")
    EntityChange reportChange(@PathVariable String id, Actor actor) {
        return verifications.reportChange(id, actor).value();
    }
}
