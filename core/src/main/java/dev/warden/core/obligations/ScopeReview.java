package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An app's reviews of the OAuth scopes it requests (docs/policy section 3: "Audit scope usage
 * periodically to confirm it still matches what your app actually does. Remove scopes that are no longer
 * needed in a planned, customer-communicated manner"). Every review is kept, oldest first, so the record
 * can be judged as it stood at any instant.
 */
public record ScopeReview(AppKey app, List<Review> reviews) {
    /** The most reviews kept; the oldest are dropped beyond it (yearly reviews make a few). */
    public static final int MAX_REVIEWS = 100;

    /** The most scopes one review names, kept or removed. */
    public static final int MAX_SCOPES = 200;

    /**
     * One review of the app's scopes.
     *
     * @param reviewedAt when it was recorded in Warden
     * @param reviewedBy who reviewed (a person's name or email)
     * @param kept the scopes confirmed as still needed
     * @param removed the scopes to be removed, in a planned, customer-communicated manner
     * @param note what was looked at, or the plan and notice for the removals
     */
    public record Review(
            Instant reviewedAt,
            String reviewedBy,
            List<String> kept,
            List<String> removed,
            @Nullable String note) {
        public Review(
                Instant reviewedAt,
                String reviewedBy,
                @Nullable List<String> kept,
                @Nullable List<String> removed,
                @Nullable String note) {
            this.reviewedAt = reviewedAt;
            this.reviewedBy = Checks.line(reviewedBy, "reviewedBy");
            this.kept = scopes(kept, "kept");
            this.removed = scopes(removed, "removed");
            Set<String> both = new HashSet<>(this.kept);
            both.retainAll(this.removed);
            if (!both.isEmpty()) {
                throw new IllegalArgumentException("a scope is kept or removed, not both: " + both);
            }
            if (this.kept.isEmpty() && this.removed.isEmpty()) {
                throw new IllegalArgumentException("a review names the scopes it kept or removed");
            }
            this.note = note == null ? null : Checks.text(note, "note");
        }

        private static List<String> scopes(@Nullable List<String> given, String what) {
            List<String> out = new ArrayList<>();
            for (String s : given == null ? List.<String>of() : given) {
                if (s == null || !s.matches("[A-Za-z0-9:._/-]{1,200}")) {
                    throw new IllegalArgumentException(what + ": '" + s + "' is not a scope");
                }
                if (out.contains(s)) {
                    throw new IllegalArgumentException(what + " must not repeat a scope: " + s);
                }
                out.add(s);
            }
            if (out.size() > MAX_SCOPES) {
                throw new IllegalArgumentException(what + " names more than " + MAX_SCOPES + " scopes");
            }
            return List.copyOf(out);
        }
    }

    public ScopeReview(AppKey app, @Nullable List<Review> reviews) {
        this.app = app;
        List<Review> given = reviews == null ? List.of() : reviews;
        for (int i = 1; i < given.size(); i++) {
            if (given.get(i).reviewedAt().isBefore(given.get(i - 1).reviewedAt())) {
                throw new IllegalArgumentException("reviews must be in the order they were made");
            }
        }
        this.reviews = List.copyOf(
                given.size() > MAX_REVIEWS ? given.subList(given.size() - MAX_REVIEWS, given.size()) : given);
    }

    /** This record with one more review, made now. */
    public ScopeReview with(Review review) {
        List<Review> more = new ArrayList<>(reviews);
        more.add(review);
        return new ScopeReview(app, more);
    }

    /** The review in force at {@code at}: the latest made by then; empty when none was. */
    public Optional<Review> asOf(Instant at) {
        Review found = null;
        for (Review r : reviews) {
            if (!r.reviewedAt().isAfter(at)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }
}
