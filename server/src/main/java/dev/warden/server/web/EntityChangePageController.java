package dev.warden.server.web;

import dev.warden.core.obligations.EntityChange;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.obligations.Verifications;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changes to a verified entity (acquisition, change of control, new legal name): the partner reports
 * one from its standing page, or notifies one the operator recorded; the operator records one from the
 * partner's page.
 */
@Controller
class EntityChangePageController {
    private final Verifications verifications;

    EntityChangePageController(Verifications verifications) {
        this.verifications = verifications;
    }

    @PostMapping("/entity-changes")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String record(
            @RequestParam(defaultValue = "") String partner,
            @RequestParam(required = false) EntityChange.@Nullable Kind kind,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String happenedOn,
            @RequestParam(defaultValue = "/") String back,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                back,
                redirect,
                actor.isPartner() ? "change-reported" : "change-recorded",
                () -> verifications.recordChange(
                        new ObligationRequests.EntityChangeRequest(
                                partner.isBlank() ? null : partner.strip(),
                                kind,
                                Forms.blankToNull(description),
                                Forms.date("happenedOn", happenedOn)),
                        actor));
    }

    @PostMapping("/entity-changes/{id}/report")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String report(
            @PathVariable String id,
            @RequestParam(defaultValue = "/") String back,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(back, redirect, "change-reported", () -> verifications.reportChange(id, actor));
    }
}
