package dev.warden.server.enforcement;

import dev.warden.server.shared.Actor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A termination's internal review and the customers' migration window (docs/policy section 8:
 * "Termination follows Atlassian's internal review process and includes customer migration windows where
 * feasible"). Recorded with the proposal; the window starts when the termination is applied, and the
 * storefront keeps existing installs working until it ends.
 */
@Service
public class TerminationReviews {
    /** The longest migration window a termination may give. */
    static final int MAX_MIGRATION_DAYS = 365;

    /**
     * A termination case's review, as its page and the API show it.
     *
     * @param reviewedBy who reviewed it ("operator" to the partner)
     * @param migrationDays how long existing installs keep working once applied (0: no window was feasible)
     * @param migrationUntil when the window ends, once the termination is applied
     */
    @Schema(name = "TerminationReviewView")
    public record ReviewView(
            long caseId,
            String reviewedBy,
            LocalDate reviewedOn,
            String outcome,
            int migrationDays,
            @Nullable Instant migrationUntil) {}

    private final TerminationReviewRows rows;
    private final EnforcementCases cases;

    TerminationReviews(TerminationReviewRows rows, EnforcementCases cases) {
        this.rows = rows;
        this.cases = cases;
    }

    /** The review of a termination case the actor may see; empty for other cases. */
    @Transactional(readOnly = true)
    public Optional<ReviewView> of(long caseId, Actor actor) {
        cases.visibleCase(caseId, actor);
        return rows.find(caseId)
                .map(r -> new ReviewView(
                        r.caseId(),
                        actor.isPartner() ? "operator" : r.reviewedBy(),
                        r.reviewedOn(),
                        r.outcome(),
                        r.migrationDays(),
                        r.migrationUntil() == null ? null : r.migrationUntil().toInstant()));
    }

    void insert(long caseId, EnforcementRequests.Termination.Review review, int migrationDays) {
        rows.insert(caseId, review.checkedBy(), review.checkedOn(), review.checkedOutcome(), migrationDays);
    }

    /** Starts the migration window of an applied termination; the instant it ends, or null without one. */
    @Nullable
    Instant start(long caseId, Instant applied) {
        Optional<TerminationReviewRows.Row> row = rows.find(caseId);
        if (row.isEmpty() || row.get().migrationDays() == 0) {
            return null;
        }
        Instant until = applied.plus(java.time.Duration.ofDays(row.get().migrationDays()));
        rows.migrationUntil(caseId, until);
        return until;
    }
}
