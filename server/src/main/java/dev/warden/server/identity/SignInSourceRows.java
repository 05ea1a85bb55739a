package dev.warden.server.identity;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed and successful sign-ins per account (or client) and source address. */
@Repository
class SignInSourceRows {
    /** The source of the row that counts an account's failures from every address. */
    static final String EVERY_SOURCE = "*";

    private final JdbcClient jdbc;

    SignInSourceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            int failures,
            @Nullable OffsetDateTime delayedUntil,
            @Nullable OffsetDateTime lastFailureAt,
            @Nullable String lastFailureFrom,
            @Nullable OffsetDateTime lastSuccessAt) {}

    Optional<Row> find(String kind, String subject, String source) {
        return jdbc.sql("select failures, delayed_until, last_failure_at, last_failure_from, last_success_at"
                        + " from sign_in_sources where kind = :k and subject = :s and source = :src")
                .param("k", kind)
                .param("s", subject)
                .param("src", source)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** Counts a failure at {@code now} from {@code from}; returns the failures counted so far. */
    int fail(String kind, String subject, String source, String from, Instant now) {
        jdbc.sql("insert into sign_in_sources (kind, subject, source, failures) values (:k, :s, :src, 0)"
                        + " on conflict do nothing")
                .param("k", kind)
                .param("s", subject)
                .param("src", source)
                .update();
        jdbc.sql("update sign_in_sources set failures = failures + 1, last_failure_at = :now,"
                        + " last_failure_from = :from where kind = :k and subject = :s and source = :src")
                .param("k", kind)
                .param("s", subject)
                .param("src", source)
                .param("now", utc(now))
                .param("from", from)
                .update();
        return find(kind, subject, source).map(Row::failures).orElse(1);
    }

    void delay(String kind, String subject, String source, Instant until) {
        jdbc.sql("update sign_in_sources set delayed_until = :until where kind = :k and subject = :s and source = :src")
                .param("k", kind)
                .param("s", subject)
                .param("src", source)
                .param("until", utc(until))
                .update();
    }

    /** Clears the failures and any delay; with {@code success}, records it (the source becomes known). */
    void clear(String kind, String subject, String source, @Nullable Instant success) {
        jdbc.sql("insert into sign_in_sources (kind, subject, source, failures) values (:k, :s, :src, 0)"
                        + " on conflict do nothing")
                .param("k", kind)
                .param("s", subject)
                .param("src", source)
                .update();
        String set = success == null ? "" : ", last_success_at = :success";
        var update = jdbc.sql("update sign_in_sources set failures = 0, delayed_until = null" + set
                        + " where kind = :k and subject = :s and source = :src")
                .param("k", kind)
                .param("s", subject)
                .param("src", source);
        if (success != null) {
            update = update.param("success", utc(success));
        }
        update.update();
    }

    /** Forgets addresses of a subject that never signed in and have not failed since {@code before}. */
    void forgetStale(String kind, String subject, Instant before) {
        jdbc.sql("delete from sign_in_sources where kind = :k and subject = :s and source <> :every"
                        + " and last_success_at is null and last_failure_at < :before"
                        + " and (delayed_until is null or delayed_until < :before)")
                .param("k", kind)
                .param("s", subject)
                .param("every", EVERY_SOURCE)
                .param("before", utc(before))
                .update();
    }
}
