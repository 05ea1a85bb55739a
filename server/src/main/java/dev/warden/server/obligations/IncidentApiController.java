package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/incidents}: incidents and their follow-up (docs/policy section 7). */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "Incidents affecting apps: the 24-hour report, updates, plan, review, notice")
class IncidentApiController {
    private static final java.util.List<String> STATES = java.util.List.of("OPEN", "CONTAINED", "CLOSED");

    private final Incidents incidents;

    IncidentApiController(Incidents incidents) {
        this.incidents = incidents;
    }

    @GetMapping
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "List incidents",
            description =
                    "Newest first. Filter by partner and state (OPEN, CONTAINED, CLOSED). A partner sees its own.")
    Page<Incidents.IncidentView> list(
            @RequestParam(required = false) @Nullable PartnerId partner,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        if (state != null && !STATES.contains(state)) {
            throw new InvalidParameterException("state", "must be one of " + STATES);
        }
        return incidents.list(partner, state, new Paging(page, size), actor);
    }

    @GetMapping("/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get an incident",
            description = "With its duties under the policy in force: each with its due moment, when it was met,"
                    + " and whether it is late.")
    Incidents.IncidentView get(@PathVariable String id, Actor actor) {
        return incidents.get(id, actor);
    }

    @PostMapping
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Report an incident",
            description = "Body: apps, category, title, awareAt, activeExploitation, customersAffected, priority"
                    + " (P1-P5, default P1: the policy asks for a P1 incident ticket), enterpriseCustomers (the"
                    + " apps are used by Enterprise customers). A partner reports its own, now; the operator names"
                    + " the partner and may give reportedAt, or records an incident it learned of first with"
                    + " unreported: true (INCIDENT-LATE-REPORT holds 24 hours after awareAt until the partner"
                    + " reports it with POST /{id}/report).")
    ResponseEntity<Incidents.IncidentView> report(@RequestBody ObligationRequests.ReportIncident body, Actor actor) {
        Incidents.IncidentView created = incidents.report(body, actor);
        return ResponseEntity.created(
                        URI.create("/api/v1/incidents/" + created.incident().id()))
                .body(created);
    }

    @PostMapping("/{id}/report")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Report an incident the operator recorded first",
            description = "Body: priority (default P1). The partner reports it now; the operator may give reportedAt"
                    + " for a report that reached it by another channel. 409 when it was already reported.")
    Incidents.IncidentView partnerReport(
            @PathVariable String id, @RequestBody ObligationRequests.PartnerReport body, Actor actor) {
        return incidents.partnerReport(id, body, actor);
    }

    @PostMapping("/{id}/events")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Add to an incident's history",
            description = "Body: type (UPDATE, CONTAINED, REMEDIATION_PLAN, REVIEW, CUSTOMERS_NOTIFIED, CLOSED), text"
                    + " (the update, plan or notice sent), customersAffected (an update's revised count), review (the"
                    + " seven sections). Only the operator closes, once contained, reviewed and customers notified.")
    Incidents.IncidentView addEvent(
            @PathVariable String id, @RequestBody ObligationRequests.IncidentEventRequest body, Actor actor) {
        return incidents.addEvent(id, body, actor);
    }

    @GetMapping(value = "/{id}/customer-notice", produces = MediaType.TEXT_PLAIN_VALUE)
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Draft the customer notice",
            description = "The operator's communication template with the incident's facts filled in.")
    String customerNotice(@PathVariable String id, Actor actor) {
        return incidents.customerNotice(id, actor);
    }
}
