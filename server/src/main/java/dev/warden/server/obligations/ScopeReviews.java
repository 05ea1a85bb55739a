package dev.warden.server.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.compliance.OAuthScopeReviewStale;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.ScopeReview;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's reviews of its OAuth scopes (docs/policy section 3: "Audit scope usage periodically"): the
 * partner records each review, every review is kept, and the policy in force says how long one stays
 * current ({@code OAUTH-SCOPE-REVIEW-STALE}). The scanner's standing unused-scope findings are shown
 * beside it: they are what a review confirms or removes.
 */
@Service
public class ScopeReviews {
    /** Reviews stay current this many months when the policy in force judges none. */
    static final int DEFAULT_MONTHS = 12;

    private final ObligationStore store;
    private final ObligationFacts facts;
    private final Policies policies;

    ScopeReviews(ObligationStore store, ObligationFacts facts, Policies policies) {
        this.store = store;
        this.facts = facts;
        this.policies = policies;
    }

    /**
     * Where an app's scope review stands now.
     *
     * @param requested the scopes the app's OAuth clients request
     * @param unused the scopes the scanner finds requested but not used (standing findings)
     * @param current the review in force (absent: none made)
     * @param dueAt when the current review runs out (or, without one, when the first is due)
     * @param stale whether it has run out, by the policy in force
     * @param judged whether the policy in force judges scope reviews at all
     * @param history every review, newest first
     */
    @Schema(name = "ScopeReviewView")
    public record ReviewView(
            String app,
            List<String> requested,
            List<String> unused,
            ScopeReview.@Nullable Review current,
            Instant dueAt,
            boolean stale,
            boolean judged,
            int reviewEveryMonths,
            List<ScopeReview.Review> history,
            int version) {}

    /** A review, made now by the caller. */
    @Schema(name = "ScopeReviewRequest")
    public record Review(
            @Nullable List<String> kept,
            @Nullable List<String> removed,
            @Nullable String note) {}

    @Transactional(readOnly = true)
    public ReviewView get(String app, Actor actor) {
        App owned = store.visibleApp(app, actor);
        return view(owned, read(owned.key()));
    }

    @Transactional
    public ReviewView review(String app, Review body, Actor actor) {
        App owned = store.visibleApp(app, actor);
        String by = actor.name().length() > 200 ? actor.name().substring(0, 200) : actor.name();
        ScopeReview.Review review;
        try {
            review = new ScopeReview.Review(store.now(), by, body.kept(), body.removed(), body.note());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String field = message.split("[: ]", 2)[0];
            throw new InvalidInputException(
                    List.of("kept", "removed", "note").contains(field) ? "/" + field : "", message);
        }
        Versioned<ScopeReview> read = read(owned.key());
        ScopeReview changed = ObligationStore.apply(() -> read.value().with(review));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kept", review.kept());
        details.put("removed", review.removed());
        Versioned<ScopeReview> written = read.version() == 0
                ? store.create(changed, owned.partner(), actor, "SCOPES_REVIEWED", details)
                : store.replace(read, changed, OptionalInt.empty(), owned.partner(), actor, "SCOPES_REVIEWED", details);
        return view(owned, written);
    }

    private Versioned<ScopeReview> read(AppKey app) {
        return store.exists(Kind.SCOPE_REVIEW, app.value())
                ? store.get(
                        Kind.SCOPE_REVIEW, app.value(), ScopeReview.class, Actor.system("scope-review"), "scope review")
                : new Versioned<>(new ScopeReview(app, List.of()), 0);
    }

    private ReviewView view(App app, Versioned<ScopeReview> v) {
        Instant now = store.now();
        PolicyVersion policy = policies.inForce().inForceAt(now);
        Integer asked = policy.oauth().scopeReviewMonths();
        int months = asked == null ? DEFAULT_MONTHS : asked;
        ScopeReview record = v.value();
        ScopeReview.Review current = record.asOf(now).orElse(null);
        Instant due = OAuthScopeReviewStale.dueAt(app, current, months, policy);
        TreeSet<String> requested = new TreeSet<>();
        for (OAuthClient c : app.oauthClients()) {
            requested.addAll(c.scopes());
        }
        TreeSet<String> unused = new TreeSet<>();
        for (ScanFinding f : facts.of(app.partner()).scanFindings()) {
            if (f.app().equals(app.key())
                    && f.rule().equals(ScanFinding.SCOPE_RULE)
                    && f.openAt(now)
                    && f.preview() != null) {
                unused.add(f.preview());
            }
        }
        List<ScopeReview.Review> history = new ArrayList<>(record.reviews());
        java.util.Collections.reverse(history);
        return new ReviewView(
                app.key().value(),
                List.copyOf(requested),
                List.copyOf(unused),
                current,
                due,
                asked != null && !requested.isEmpty() && now.isAfter(due),
                asked != null,
                months,
                history,
                v.version());
    }
}
