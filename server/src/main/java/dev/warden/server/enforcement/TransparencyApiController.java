package dev.warden.server.enforcement;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/transparency/settings}: what the public transparency page publishes, and when. */
@RestController
@Tag(name = "Enforcement")
class TransparencyApiController {
    private final Transparency transparency;

    TransparencyApiController(Transparency transparency) {
        this.transparency = transparency;
    }

    @GetMapping("/api/v1/transparency/settings")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Transparency page settings",
            description = "enabled (the public page /transparency and its feed answer 404 while false, the"
                    + " default), actions (the kinds published; default REVOKE_BADGE, HIDE_LISTING, PAUSE_LISTING,"
                    + " SUSPEND_PARTNER, TERMINATE_PARTNER), delayDays (days an action is in effect before it is"
                    + " published; default 7), and who changed them last.")
    Transparency.Settings get() {
        return transparency.settings();
    }

    @PutMapping("/api/v1/transparency/settings")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Change the transparency page settings",
            description = "Body: any of enabled, actions, delayDays (0 to 365); a field left out keeps its value."
                    + " Audited. The page shows the change within a minute on every node.")
    Transparency.Settings change(@RequestBody Transparency.Change change, Actor actor) {
        return transparency.change(change, actor);
    }
}
