package dev.warden.server.audit;

import dev.warden.core.audit.ChainCheck;
import dev.warden.server.shared.Exports;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/audit}: read the audit trail and check its hash chain. There is no way to change it. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The append-only, hash-chained record of every change")
@Requires(Permission.AUDIT_READ)
class AuditApiController {
    private final AuditTrail trail;
    private final Clock clock;

    AuditApiController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GetMapping
    @Operation(
            summary = "List audit entries, newest first",
            description = "Filter by actor, action, subjectType, subjectId, partner, and by time: from"
                    + " (inclusive) and to (exclusive), ISO-8601 instants such as 2026-11-01T00:00:00Z. Page by"
                    + " number, or pass the answer's next as after (older entries) or its previous as before"
                    + " (newer ones). The total is counted up to 10,000 (totalItemsExact false beyond), and a"
                    + " page number must start within those 10,000 entries (400 beyond): deeper pages are read"
                    + " by cursor.")
    Page<AuditEntry> list(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before) {
        return trail.list(
                new AuditQuery(actor, action, subjectType, subjectId, partner, from, to),
                new Paging(page, size),
                after,
                before);
    }

    @GetMapping("/export")
    @Operation(
            summary = "Export audit entries",
            description = "Every entry the same filters as the list select, newest first, as format=csv (default;"
                    + " details as their JSON text) or format=json, streamed as a download.")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String format) {
        AuditQuery query = new AuditQuery(actor, action, subjectType, subjectId, partner, from, to);
        return Exports.download("audit", Exports.Format.of(format), COLUMNS, trail.all(query), clock);
    }

    private static final List<Exports.Column<AuditEntry>> COLUMNS = List.of(
            new Exports.Column<>("seq", AuditEntry::seq),
            new Exports.Column<>("at", AuditEntry::at),
            new Exports.Column<>("actorKind", AuditEntry::actorKind),
            new Exports.Column<>("actorId", AuditEntry::actorId),
            new Exports.Column<>("action", AuditEntry::action),
            new Exports.Column<>("subjectType", AuditEntry::subjectType),
            new Exports.Column<>("subjectId", AuditEntry::subjectId),
            new Exports.Column<>("partner", AuditEntry::partner),
            new Exports.Column<>("details", AuditEntry::details),
            new Exports.Column<>("hash", AuditEntry::hash));

    @GetMapping("/verify")
    @Operation(
            summary = "Check the hash chain",
            description = "Reports how many entries were checked and the first broken link, if any.")
    ChainCheck verify() {
        return trail.verify();
    }
}
