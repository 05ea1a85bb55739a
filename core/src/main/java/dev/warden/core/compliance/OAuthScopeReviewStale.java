package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.ScopeReview;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code OAUTH-SCOPE-REVIEW-STALE}: "Audit scope usage periodically to confirm it still matches what your
 * app actually does" (docs/policy section 3). An app with an OAuth client that requests scopes has a
 * review of them on record no older than {@code oauth.scopeReviewMonths}; one with none has that long
 * from when the requirement reached it (the version's effective date, or its first listing if later).
 * The scanner's unused-scope findings that stand feed the evidence: they are what the review confirms
 * or removes. Versions without the period judge nothing; apps with every listing removed are left alone.
 */
public final class OAuthScopeReviewStale implements Rule {
    public static final String ID = "OAUTH-SCOPE-REVIEW-STALE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An app's OAuth scopes have not been reviewed within the review period";
    }

    /** When the requirement reached the app: the version's effective date, or its first listing if later. */
    static LocalDate requiredFrom(App app, PolicyVersion policy) {
        LocalDate listed = app.firstListedOn();
        return listed == null || listed.isBefore(policy.effectiveFrom()) ? policy.effectiveFrom() : listed;
    }

    /**
     * The end of the app's current review: {@code months} after the last review, or after the requirement
     * reached the app when there is none.
     */
    public static Instant dueAt(App app, ScopeReview.@Nullable Review last, int months, PolicyVersion policy) {
        Instant start = last != null
                ? last.reviewedAt()
                : requiredFrom(app, policy).atStartOfDay(ZoneOffset.UTC).toInstant();
        return start.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Integer months = policy.oauth().scopeReviewMonths();
        if (months == null) {
            return List.of();
        }
        Map<AppKey, ScopeReview> reviews = new HashMap<>();
        facts.obligations().scopeReviews().forEach(r -> reviews.put(r.app(), r));
        Map<AppKey, List<String>> unused = new HashMap<>();
        for (ScanFinding f : facts.obligations().scanFindings()) {
            if (f.rule().equals(ScanFinding.SCOPE_RULE) && f.openAt(facts.asOf()) && f.preview() != null) {
                unused.computeIfAbsent(f.app(), k -> new ArrayList<>()).add(f.preview());
            }
        }
        List<Violation> out = new ArrayList<>();
        for (App app : facts.apps()) {
            if (app.oauthClients().stream().allMatch(c -> c.scopes().isEmpty())
                    || app.listings().stream().allMatch(l -> l.state() == ListingState.REMOVED)) {
                continue;
            }
            Optional<ScopeReview.Review> last =
                    Optional.ofNullable(reviews.get(app.key())).flatMap(r -> r.asOf(facts.asOf()));
            LocalDate from = requiredFrom(app, policy);
            Instant due = dueAt(app, last.orElse(null), months, policy);
            if (!facts.asOf().isAfter(due)) {
                continue;
            }
            String said = last.map(
                            r -> "scopes last reviewed " + Evidence.date(r.reviewedAt()) + " by " + r.reviewedBy())
                    .orElse("no review of the app's scopes on record (the requirement reached it " + from + ")");
            List<String> found = unused.getOrDefault(app.key(), List.of());
            String feed = found.isEmpty()
                    ? ""
                    : "; the scanner finds requested but unused: "
                            + String.join(
                                    ", ",
                                    found.stream()
                                            .sorted()
                                            .limit(Breaches.SHOWN)
                                            .toList())
                            + (found.size() > Breaches.SHOWN
                                    ? " and " + (found.size() - Breaches.SHOWN) + " more"
                                    : "");
            out.add(new Violation(
                    ID,
                    new Subject.App(app.key(), app.partner()),
                    due,
                    Severity.LOW,
                    said + "; due " + Evidence.date(due) + " (every " + months + " months)" + feed,
                    policy.id()));
        }
        return out;
    }
}
