package dev.warden.server.tickets;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's details (description, CWE, affected versions), and a partner's disclosure of a vulnerability. */
@RestController
@Tag(name = "Tickets")
class TicketDetailsApiController {
    private final TicketDetails details;

    TicketDetailsApiController(TicketDetails details) {
        this.details = details;
    }

    @GetMapping("/api/v1/tickets/{key}/details")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "A ticket's details",
            description = "description (Markdown: what is wrong, the steps to reproduce), cwe (CWE-79),"
                    + " affectedVersions, and who changed them last; all null when none were given.")
    TicketDetails.Details get(@PathVariable String key, Actor actor) {
        return details.get(TicketApiController.parse(key), actor);
    }

    @PutMapping("/api/v1/tickets/{key}/details")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(
            summary = "Change a ticket's details",
            description = "Body: description (at most 20,000 characters of Markdown), cwe (CWE-79, or 79),"
                    + " affectedVersions (at most 500 characters). Each replaces the one before; a field left"
                    + " out or empty clears it. Audited (which fields were given, not their text).")
    TicketDetails.Details change(@PathVariable String key, @RequestBody TicketDetails.Change change, Actor actor) {
        return details.change(TicketApiController.parse(key), change, actor);
    }

    @PostMapping("/api/v1/tickets/disclosures")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Disclose a vulnerability",
            description = "A partner's own disclosure of a vulnerability in one of its apps: a SECURITY ticket on"
                    + " the same clock as any other. Body: app, hosting, title, cvss (or score), and the"
                    + " details: description, cwe, affectedVersions. Every error is listed and nothing is kept"
                    + " on one. The operator reports with POST /api/v1/tickets (403 here).")
    ResponseEntity<TicketView> disclose(@RequestBody TicketDetails.Disclosure disclosure, Actor actor) {
        TicketView made = details.disclose(disclosure, actor);
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + made.key()))
                .body(made);
    }
}
