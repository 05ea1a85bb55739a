package dev.warden.server.web;

import dev.warden.core.obligations.VerificationEvent;
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
 * A verification's steps from the page that shows it: the partner submits and answers (on its
 * standing page), the operator asks for information, verifies or rejects (on the partner's page).
 */
@Controller
class VerificationPageController {
    private final Verifications verifications;

    VerificationPageController(Verifications verifications) {
        this.verifications = verifications;
    }

    @PostMapping("/verifications/{id}/events")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String step(
            @PathVariable String id,
            @RequestParam(required = false) VerificationEvent.@Nullable Type type,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "/") String back,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                back,
                redirect,
                "verification-step",
                () -> verifications.addEvent(
                        id, new ObligationRequests.VerificationEventRequest(type, Forms.blankToNull(note)), actor));
    }
}
