package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners whose evaluation failed, until it succeeds again. */
@Repository
class EvaluationFailureRows {
    private final JdbcClient jdbc;

    EvaluationFailureRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            String partnerId,
            OffsetDateTime firstFailedAt,
            OffsetDateTime lastFailedAt,
            int attempts,
            String incident,
            String error,
            OffsetDateTime nextAttemptAt) {}

    private static final String COLUMNS =
            "partner_id, first_failed_at, last_failed_at, attempts, incident, error, next_attempt_at";

    List<Row> all(@Nullable String partner) {
        String where = partner == null ? "" : " where partner_id = :p";
        var spec = jdbc.sql("select " + COLUMNS + " from evaluation_failures" + where + " order by partner_id");
        if (partner != null) {
            spec = spec.param("p", partner);
        }
        return spec.query(RecordRows.of(Row.class)).list();
    }

    List<String> due(Instant now) {
        return jdbc.sql("select partner_id from evaluation_failures where next_attempt_at <= :now order by partner_id")
                .param("now", utc(now))
                .query(String.class)
                .list();
    }

    /** Records a failure; returns the attempts counted so far. */
    int failed(String partner, Instant now, String incident, String error) {
        int updated = jdbc.sql("update evaluation_failures set last_failed_at = :now, attempts = attempts + 1,"
                        + " incident = :incident, error = :error where partner_id = :p")
                .param("p", partner)
                .param("now", utc(now))
                .param("incident", incident)
                .param("error", error)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into evaluation_failures (" + COLUMNS + ") values (:p, :now, :now, 1, :incident, :error,"
                            + " :now) on conflict do nothing")
                    .param("p", partner)
                    .param("now", utc(now))
                    .param("incident", incident)
                    .param("error", error)
                    .update();
        }
        return jdbc.sql("select attempts from evaluation_failures where partner_id = :p")
                .param("p", partner)
                .query(Integer.class)
                .optional()
                .orElse(1);
    }

    void nextAttempt(String partner, Instant at) {
        jdbc.sql("update evaluation_failures set next_attempt_at = :at where partner_id = :p")
                .param("p", partner)
                .param("at", utc(at))
                .update();
    }

    void cleared(String partner) {
        jdbc.sql("delete from evaluation_failures where partner_id = :p")
                .param("p", partner)
                .update();
    }
}
