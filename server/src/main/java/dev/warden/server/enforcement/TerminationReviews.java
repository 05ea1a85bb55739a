package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    public record ReviewView(
            long caseId,
            String reviewedBy,
            LocalDate reviewedOn,
            String outcome,
            int migrationDays,
            @Nullable Instant migrationUntil) {}

    private record Row(
            long caseId,
            String reviewedBy,
            LocalDate reviewedOn,
            String outcome,
            int migrationDays,
            @Nullable OffsetDateTime migrationUntil) {}

    private final JdbcClient jdbc;
    private final EnforcementCases cases;

    TerminationReviews(JdbcClient jdbc, EnforcementCases cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    /** The review of a termination case the actor may see; empty for other cases. */
    @Transactional(readOnly = true)
    public Optional<ReviewView> of(long caseId, Actor actor) {
        cases.visibleCase(caseId, actor);
        return find(caseId)
                .map(r -> new ReviewView(
                        r.caseId(),
                        actor.isPartner() ? "operator" : r.reviewedBy(),
                        r.reviewedOn(),
                        r.outcome(),
                        r.migrationDays(),
                        r.migrationUntil() == null ? null : r.migrationUntil().toInstant()));
    }

    void insert(long caseId, EnforcementRequests.Termination.Review review, int migrationDays) {
        jdbc.sql("insert into termination_reviews (case_id, reviewed_by, reviewed_on, outcome, migration_days)"
                        + " values (:c, :by, :on, :outcome, :days)")
                .param("c", caseId)
                .param("by", review.checkedBy())
                .param("on", review.checkedOn())
                .param("outcome", review.checkedOutcome())
                .param("days", migrationDays)
                .update();
    }

    /** Starts the migration window of an applied termination; the instant it ends, or null without one. */
    @Nullable
    Instant start(long caseId, Instant applied) {
        Optional<Row> row = find(caseId);
        if (row.isEmpty() || row.get().migrationDays() == 0) {
            return null;
        }
        Instant until = applied.plus(java.time.Duration.ofDays(row.get().migrationDays()));
        jdbc.sql("update termination_reviews set migration_until = :u where case_id = :c")
                .param("u", utc(until))
                .param("c", caseId)
                .update();
        return until;
    }

    private Optional<Row> find(long caseId) {
        return jdbc.sql("select case_id, reviewed_by, reviewed_on, outcome, migration_days, migration_until"
                        + " from termination_reviews where case_id = :c")
                .param("c", caseId)
                .query(RecordRows.of(Row.class))
                .optional();
    }
}
