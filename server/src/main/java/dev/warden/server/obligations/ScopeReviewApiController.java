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

/** {@code /api/v1/apps/{key}/scope-review}: the app's periodic review of the OAuth scopes it requests. */
@RestController
@RequestMapping("/api/v1/apps/{key}/scope-review")
@Tag(name = "Scope reviews", description = "Periodic reviews of an app's OAuth scopes")
class ScopeReviewApiController {
    private final ScopeReviews reviews;

    ScopeReviewApiController(ScopeReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get an app's scope review",
            description = "The scopes its OAuth clients request, those the scanner finds requested but unused, the"
                    + " review in force, when it runs out (oauth.scopeReviewMonths), whether it is stale, and every"
                    + " review, newest first.")
    ScopeReviews.ReviewView get(@PathVariable String key, Actor actor) {
        return reviews.get(key, actor);
    }

    @PostMapping
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Record a review of the app's scopes",
            description = "Body: kept (scopes confirmed as needed), removed (scopes to be removed, in a planned,"
                    + " customer-communicated manner), note. At least one scope, none in both lists. Recorded as"
                    + " made now by the caller; earlier reviews are kept.")
    ScopeReviews.ReviewView review(@PathVariable String key, @RequestBody ScopeReviews.Review body, Actor actor) {
        return reviews.review(key, body, actor);
    }
}
