package dev.warden.server.obligations;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/partners/{id}/incident-process}: a partner's documented security incident response
 * process (docs/policy section 7).
 */
@RestController
@RequestMapping("/api/v1/partners/{id}/incident-process")
@Tag(name = "Incident response process", description = "Each partner's documented process: attestations and standing")
class IncidentProcessApiController {
    private final IncidentProcesses processes;

    IncidentProcessApiController(IncidentProcesses processes) {
        this.processes = processes;
    }

    @GetMapping
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get a partner's incident response process",
            description = "The attestation in force, its standing now (MISSING, STALE, INCOMPLETE, CURRENT), the"
                    + " elements it leaves out, when its review runs out, what the policy in force asks, and every"
                    + " attestation, newest first.")
    IncidentProcesses.ProcessView get(@PathVariable String id, Actor actor) {
        return processes.get(id, actor);
    }

    @PostMapping("/attestations")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Attest the partner's documented process",
            description = "Body: document (an https link), reviewedOn (the last review, not in the future), covers"
                    + " (any of INVESTIGATION, CONTAINMENT, COLLABORATION), notes. Recorded as made now by the"
                    + " caller; earlier attestations are kept.")
    IncidentProcesses.ProcessView attest(
            @PathVariable String id, @RequestBody ObligationRequests.ProcessAttestation body, Actor actor) {
        return processes.attest(id, body, actor);
    }
}
