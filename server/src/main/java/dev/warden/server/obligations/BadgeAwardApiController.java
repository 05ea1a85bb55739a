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

/** {@code /api/v1/apps/{key}/badges/{badge}}: an app's Cloud Fortified award and its lifecycle. */
@RestController
@RequestMapping("/api/v1/apps/{key}/badges/{badge}")
@Tag(name = "Badges", description = "Cloud Fortified: application, award, yearly review, requirements")
class BadgeAwardApiController {
    private final BadgeAwards awards;

    BadgeAwardApiController(BadgeAwards awards) {
        this.awards = awards;
    }

    @GetMapping
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get an app's badge award",
            description = "badge is cloud-fortified. The award's state (NONE, APPLIED, AWARDED, REJECTED, WITHDRAWN),"
                    + " whether the listing shows the badge now, the requirements the app misses now (empty: it meets"
                    + " them all), when the yearly review is due, and every step, newest first.")
    BadgeAwards.BadgeView get(@PathVariable String key, @PathVariable String badge, Actor actor) {
        return awards.get(key, badge, actor);
    }

    @PostMapping("/events")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Take a step of the badge's lifecycle",
            description = "Body: type and note. The partner APPLIED (from none, rejected or withdrawn); the operator"
                    + " AWARDED or REJECTED (from applied), REVIEWED (the yearly review) or WITHDRAWN. REJECTED and"
                    + " WITHDRAWN need a note, the reason the partner reads. AWARDED and REVIEWED are refused (409)"
                    + " while the app misses a requirement.")
    BadgeAwards.BadgeView step(
            @PathVariable String key, @PathVariable String badge, @RequestBody BadgeAwards.Step body, Actor actor) {
        return awards.step(key, badge, body, actor);
    }
}
