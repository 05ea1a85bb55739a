package dev.warden.server.notifications;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox in SQL. A message moves PENDING → SENDING (claimed by one node) → SENT, or back to PENDING
 * with a later attempt, or DEAD after the last; every move is a compare-and-set, so two nodes never
 * deliver the same row at once.
 */
@Repository
class OutboxRows {
    private final JdbcClient jdbc;

    OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long id,
            String idempotencyKey,
            String channel,
            String event,
            @Nullable String partnerId,
            String recipient,
            String subject,
            String bodyText,
            @Nullable String bodyHtml,
            @Nullable String link,
            String status,
            int attempts,
            OffsetDateTime nextAttemptAt,
            @Nullable String claimedBy,
            @Nullable OffsetDateTime claimedAt,
            @Nullable String lastError,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime sentAt) {}

    private static final String COLUMNS = "id, idempotency_key, channel, event, partner_id, recipient, subject,"
            + " body_text, body_html, link, status, attempts, next_attempt_at, claimed_by, claimed_at, last_error,"
            + " created_at, sent_at";

    /** Queues a message unless one with this key was queued before; true when it was queued now. */
    boolean insert(Outbox.Message m, String recipient, Instant now) {
        return jdbc.sql("""
                                insert into outbox (idempotency_key, channel, event, partner_id, recipient, subject,
                                    body_text, body_html, link, status, attempts, next_attempt_at, created_at)
                                values (:key, :channel, :event, :partner, :recipient, :subject, :text, :html, :link,
                                    :status, 0, :now, :now)
                                on conflict do nothing
                                """)
                        .param("key", m.key() + "|" + recipient)
                        .param("channel", m.channel().name())
                        .param("event", m.event())
                        .param("partner", m.partner())
                        .param("recipient", recipient)
                        .param("subject", m.subject())
                        .param("text", m.text())
                        .param("html", m.html())
                        .param("link", m.link())
                        .param("status", m.held() ? "HELD" : "PENDING")
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** Rows due for delivery, oldest first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("select id from outbox where status = 'PENDING' and next_attempt_at <= :now"
                        + " order by next_attempt_at, id limit " + limit)
                .param("now", utc(now))
                .query(Long.class)
                .list();
    }

    boolean claim(long id, String node, Instant now) {
        return jdbc.sql("update outbox set status = 'SENDING', claimed_by = :node, claimed_at = :now"
                                + " where id = :id and status = 'PENDING'")
                        .param("id", id)
                        .param("node", node)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from outbox where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    void sent(long id, String node, Instant now) {
        jdbc.sql("update outbox set status = 'SENT', sent_at = :now, attempts = attempts + 1, last_error = null"
                        + " where id = :id and claimed_by = :node and status = 'SENDING'")
                .param("id", id)
                .param("node", node)
                .param("now", utc(now))
                .update();
    }

    /** A failed attempt: tried again at {@code next}, or dead when there is none. */
    void failed(long id, String node, String error, @Nullable Instant next, boolean countAttempt) {
        String clipped = error.length() > 1000 ? error.substring(0, 1000) : error;
        String settle = next == null ? "status = 'DEAD'" : "status = 'PENDING', next_attempt_at = :next";
        var spec = jdbc.sql("update outbox set " + settle + ", attempts = attempts + :count, last_error = :error,"
                        + " claimed_by = null, claimed_at = null"
                        + " where id = :id and claimed_by = :node and status = 'SENDING'")
                .param("id", id)
                .param("node", node)
                .param("count", countAttempt ? 1 : 0)
                .param("error", clipped);
        if (next != null) {
            spec = spec.param("next", utc(next));
        }
        spec.update();
    }

    /** Rows claimed before {@code before} and never settled: their node died mid-delivery. */
    int releaseStale(Instant before) {
        return jdbc.sql("update outbox set status = 'PENDING', claimed_by = null, claimed_at = null,"
                        + " last_error = 'the delivering node stopped; delivered again'"
                        + " where status = 'SENDING' and claimed_at < :before")
                .param("before", utc(before))
                .update();
    }

    /** Sends a dead or pending message again now. */
    boolean retry(long id, Instant now) {
        return jdbc.sql("update outbox set status = 'PENDING', next_attempt_at = :now"
                                + " where id = :id and status in ('DEAD', 'PENDING')")
                        .param("id", id)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** Messages whose idempotency key starts with {@code prefix}, oldest first. */
    List<Row> withKeyPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + " from outbox where idempotency_key like :prefix escape '!' order by id")
                .param("prefix", prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                .query(RecordRows.of(Row.class))
                .list();
    }

    /** One delivery attempt, for the message's log. */
    record Attempt(
            OffsetDateTime attemptedAt,
            String outcome,
            @Nullable Integer statusCode,
            @Nullable String detail,
            long durationMs) {}

    void logAttempt(
            long id, Instant at, String outcome, @Nullable Integer status, @Nullable String detail, long millis) {
        jdbc.sql("insert into outbox_attempts (outbox_id, attempted_at, outcome, status_code, detail, duration_ms)"
                        + " values (:id, :at, :outcome, :status, :detail, :millis)")
                .param("id", id)
                .param("at", utc(at))
                .param("outcome", outcome)
                .param("status", status)
                .param("detail", detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .param("millis", millis)
                .update();
    }

    List<Attempt> attempts(long id) {
        return jdbc.sql("select attempted_at, outcome, status_code, detail, duration_ms from outbox_attempts"
                        + " where outbox_id = :id order by id")
                .param("id", id)
                .query(RecordRows.of(Attempt.class))
                .list();
    }

    /** The recipients with messages held for their digest. */
    List<String> heldRecipients() {
        return jdbc.sql("select distinct recipient from outbox where status = 'HELD' order by recipient")
                .query(String.class)
                .list();
    }

    List<Row> held(String recipient) {
        return jdbc.sql("select " + COLUMNS + " from outbox where status = 'HELD' and recipient = :r order by id")
                .param("r", recipient)
                .query(RecordRows.of(Row.class))
                .list();
    }

    /** Marks held messages as gone out in a digest; returns how many were still held. */
    int digested(List<Long> ids, Instant now) {
        return jdbc.sql("update outbox set status = 'DIGESTED', sent_at = :now where status = 'HELD' and id in (:ids)")
                .param("now", utc(now))
                .param("ids", ids)
                .update();
    }

    /** Sent mails, newest first; of one partner if given (then none of the operator's own). */
    List<Row> mails(@Nullable String partner, int limit, long offset) {
        var spec = jdbc.sql("select " + COLUMNS + " from outbox where channel = 'EMAIL' and status = 'SENT'"
                + (partner == null ? "" : " and partner_id = :partner") + " order by id desc limit " + limit
                + " offset " + offset);
        return (partner == null ? spec : spec.param("partner", partner))
                .query(RecordRows.of(Row.class))
                .list();
    }

    long countMails(@Nullable String partner) {
        var spec = jdbc.sql("select count(*) from outbox where channel = 'EMAIL' and status = 'SENT'"
                + (partner == null ? "" : " and partner_id = :partner"));
        return (partner == null ? spec : spec.param("partner", partner))
                .query(Long.class)
                .single();
    }

    List<Row> toRecipient(String recipient, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from outbox where recipient = :r order by id desc limit " + limit
                        + " offset " + offset)
                .param("r", recipient)
                .query(RecordRows.of(Row.class))
                .list();
    }

    long countToRecipient(String recipient) {
        return jdbc.sql("select count(*) from outbox where recipient = :r")
                .param("r", recipient)
                .query(Long.class)
                .single();
    }

    /** Messages of a channel not yet settled (pending or being sent); to one recipient if given. */
    long backlog(String channel, @Nullable String recipient) {
        var spec = jdbc.sql("select count(*) from outbox where channel = :channel and status in ('PENDING', 'SENDING')"
                        + (recipient == null ? "" : " and recipient = :r"))
                .param("channel", channel);
        if (recipient != null) {
            spec = spec.param("r", recipient);
        }
        return spec.query(Long.class).single();
    }

    /** Messages, newest first; of one partner if given; of one status if given. */
    List<Row> list(@Nullable String partner, @Nullable String status, int limit, long offset) {
        return filtered("select " + COLUMNS, " order by id desc limit " + limit + " offset " + offset, partner, status)
                .query(RecordRows.of(Row.class))
                .list();
    }

    long count(@Nullable String partner, @Nullable String status) {
        return filtered("select count(*)", "", partner, status)
                .query(Long.class)
                .single();
    }

    private JdbcClient.StatementSpec filtered(
            String select, String tail, @Nullable String partner, @Nullable String status) {
        String where = " where 1 = 1" + (partner == null ? "" : " and partner_id = :partner")
                + (status == null ? "" : " and status = :status");
        var spec = jdbc.sql(select + " from outbox" + where + tail);
        if (partner != null) {
            spec = spec.param("partner", partner);
        }
        if (status != null) {
            spec = spec.param("status", status);
        }
        return spec;
    }
}
