package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of terminations' internal reviews and migration windows, one row per termination case. */
@Repository
class TerminationReviewRows {
    private final JdbcClient jdbc;

    TerminationReviewRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long caseId,
            String reviewedBy,
            LocalDate reviewedOn,
            String outcome,
            int migrationDays,
            @Nullable OffsetDateTime migrationUntil) {}

    void insert(long caseId, String by, LocalDate on, String outcome, int migrationDays) {
        jdbc.sql("insert into termination_reviews (case_id, reviewed_by, reviewed_on, outcome, migration_days)"
                        + " values (:c, :by, :on, :outcome, :days)")
                .param("c", caseId)
                .param("by", by)
                .param("on", on)
                .param("outcome", outcome)
                .param("days", migrationDays)
                .update();
    }

    void migrationUntil(long caseId, Instant until) {
        jdbc.sql("update termination_reviews set migration_until = :u where case_id = :c")
                .param("u", utc(until))
                .param("c", caseId)
                .update();
    }

    Optional<Row> find(long caseId) {
        return jdbc.sql("select case_id, reviewed_by, reviewed_on, outcome, migration_days, migration_until"
                        + " from termination_reviews where case_id = :c")
                .param("c", caseId)
                .query(RecordRows.of(Row.class))
                .optional();
    }
}
