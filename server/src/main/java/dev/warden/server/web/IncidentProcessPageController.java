package dev.warden.server.web;

import dev.warden.core.obligations.IncidentProcess;
import dev.warden.server.obligations.IncidentProcesses;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A partner's documented incident response process: the partner attests it from its standing page; an
 * analyst may record one the partner sent another way from the partner's page.
 */
@Controller
class IncidentProcessPageController {
    private final IncidentProcesses processes;

    IncidentProcessPageController(IncidentProcesses processes) {
        this.processes = processes;
    }

    @PostMapping("/partners/{id}/incident-process")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String attest(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String document,
            @RequestParam(defaultValue = "") String reviewedOn,
            @RequestParam(required = false) @Nullable List<IncidentProcess.Element> covers,
            @RequestParam(defaultValue = "") String notes,
            @RequestParam(defaultValue = "/") String back,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                back,
                redirect,
                "process-attested",
                () -> processes.attest(
                        id,
                        new ObligationRequests.ProcessAttestation(
                                Forms.blankToNull(document),
                                Forms.date("reviewedOn", reviewedOn),
                                covers,
                                Forms.blankToNull(notes)),
                        actor));
    }
}
