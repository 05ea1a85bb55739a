package dev.warden.server.enforcement;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/enforcement/cases/{id}/termination-review}: a termination's review and migration window. */
@RestController
@Tag(name = "Enforcement")
class TerminationReviewApiController {
    private final TerminationReviews reviews;

    TerminationReviewApiController(TerminationReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/api/v1/enforcement/cases/{id}/termination-review")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "Get a termination's review and migration window",
            description = "Who reviewed it (\"operator\" to the partner), when, the outcome, the customers' migration"
                    + " window in days and, once applied, when it ends. 404 for a case that is not a termination.")
    TerminationReviews.ReviewView get(@PathVariable long id, Actor actor) {
        return reviews.of(id, actor)
                .orElseThrow(() -> new NotFoundException("Case #" + id + " is not a termination with a review"));
    }
}
