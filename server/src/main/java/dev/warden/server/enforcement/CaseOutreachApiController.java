package dev.warden.server.enforcement;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/enforcement/cases/{id}/outreach}: the contacts made with the partner on a case. */
@RestController
@RequestMapping("/api/v1/enforcement/cases/{id}/outreach")
@Tag(name = "Enforcement")
class CaseOutreachApiController {
    private final CaseOutreach outreach;

    CaseOutreachApiController(CaseOutreach outreach) {
        this.outreach = outreach;
    }

    @GetMapping
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "List a case's outreach",
            description = "Each contact made with the partner on the case, oldest first: channel (AMS_TICKET,"
                    + " ECOHELP, EMAIL, CALL, MEETING, OTHER), when, reference, what was said, and the answer. A"
                    + " partner sees those on its own cases.")
    List<CaseOutreach.OutreachView> list(@PathVariable long id, Actor actor) {
        return outreach.of(id, actor);
    }

    @PostMapping
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Record outreach on a case",
            description = "Body: channel, summary (what was asked or told), reference (the ticket, for example"
                    + " ECOHELP-1412), reachedAt (default now), answer and answeredAt (default now) when the"
                    + " partner answered. Shown to approvers on each proposal of the case.")
    ResponseEntity<CaseOutreach.OutreachView> record(
            @PathVariable long id, @RequestBody CaseOutreach.Outreach body, Actor actor) {
        CaseOutreach.OutreachView made = outreach.record(id, body, actor);
        return ResponseEntity.created(URI.create("/api/v1/enforcement/cases/" + id + "/outreach"))
                .body(made);
    }

    @PostMapping("/{outreachId}/answer")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Record the partner's answer to outreach",
            description = "Body: answer, answeredAt (default now). 409 when the contact already has one.")
    CaseOutreach.OutreachView answer(
            @PathVariable long id, @PathVariable long outreachId, @RequestBody CaseOutreach.Answer body, Actor actor) {
        return outreach.answer(id, outreachId, body, actor);
    }
}
