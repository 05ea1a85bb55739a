package dev.warden.server.reviews;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Submissions and their steps in SQL. */
@Repository
class SubmissionRows {
    private final JdbcClient jdbc;

    SubmissionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A submission as stored: the current round's artifact and answers (JSON). */
    record Row(
            long id,
            String partnerId,
            String kind,
            String appKey,
            @Nullable String appName,
            String hosting,
            String version,
            String sha256,
            String answers,
            String state,
            int round,
            @Nullable String assignee,
            OffsetDateTime submittedAt,
            OffsetDateTime createdAt,
            String createdBy,
            OffsetDateTime updatedAt) {}

    /** One step of a submission. */
    record EventRow(
            long id,
            int round,
            String type,
            OffsetDateTime at,
            String actorId,
            String actorName,
            boolean byPartner,
            @Nullable String note,
            @Nullable String sha256) {}

    private static final String COLUMNS = "id, partner_id, kind, app_key, app_name, hosting, version, sha256, answers,"
            + " state, round, assignee, submitted_at, created_at, created_by, updated_at";

    long insert(Row r) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into submissions (partner_id, kind, app_key, app_name, hosting, version, sha256, answers,"
                        + " state, round, assignee, submitted_at, created_at, created_by, updated_at) values (:partner,"
                        + " :kind, :app, :name, :hosting, :version, :sha, :answers, :state, :round, null, :at, :at,"
                        + " :by, :at)")
                .param("partner", r.partnerId())
                .param("kind", r.kind())
                .param("app", r.appKey())
                .param("name", r.appName())
                .param("hosting", r.hosting())
                .param("version", r.version())
                .param("sha", r.sha256())
                .param("answers", r.answers())
                .param("state", r.state())
                .param("round", r.round())
                .param("at", r.submittedAt())
                .param("by", r.createdBy())
                .update(key, "id");
        return java.util.Objects.requireNonNull(key.getKey()).longValue();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from submissions where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** Moves a submission from {@code from} to {@code to}; false when it was no longer there (a race). */
    boolean move(long id, String from, String to, @Nullable String assignee, Instant now) {
        return jdbc.sql("update submissions set state = :to, assignee = :assignee, updated_at = :now"
                                + " where id = :id and state = :from")
                        .param("to", to)
                        .param("assignee", assignee)
                        .param("now", utc(now))
                        .param("id", id)
                        .param("from", from)
                        .update()
                == 1;
    }

    /** Starts the next round with new answers and (maybe) a new artifact. */
    boolean resubmit(long id, String from, int round, String version, String sha256, String answers, Instant now) {
        return jdbc.sql("update submissions set state = 'SUBMITTED', round = :next, version = :version, sha256 = :sha,"
                                + " answers = :answers, submitted_at = :now, updated_at = :now"
                                + " where id = :id and state = :from and round = :round")
                        .param("next", round + 1)
                        .param("version", version)
                        .param("sha", sha256)
                        .param("answers", answers)
                        .param("now", utc(now))
                        .param("id", id)
                        .param("from", from)
                        .param("round", round)
                        .update()
                == 1;
    }

    void event(
            long submission,
            int round,
            String type,
            Instant at,
            String actorId,
            String actorName,
            boolean byPartner,
            @Nullable String note,
            @Nullable String sha256) {
        jdbc.sql("insert into submission_events (submission_id, round, type, at, actor_id, actor_name, by_partner,"
                        + " note, sha256) values (:s, :round, :type, :at, :actor, :name, :partner, :note, :sha)")
                .param("s", submission)
                .param("round", round)
                .param("type", type)
                .param("at", utc(at))
                .param("actor", actorId)
                .param("name", actorName)
                .param("partner", byPartner)
                .param("note", note)
                .param("sha", sha256)
                .update();
    }

    List<EventRow> events(long submission) {
        return jdbc.sql("select id, round, type, at, actor_id, actor_name, by_partner, note, sha256"
                        + " from submission_events where submission_id = :s order by id")
                .param("s", submission)
                .query(RecordRows.of(EventRow.class))
                .list();
    }

    /** A page of submissions matching the filter: oldest submitted first, as a queue is worked. */
    List<Row> page(SqlFilter filter, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from submissions" + filter.where() + " order by submitted_at, id limit "
                        + limit + " offset " + offset)
                .params(filter.params())
                .query(RecordRows.of(Row.class))
                .list();
    }

    long count(SqlFilter filter) {
        return jdbc.sql("select count(*) from submissions" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    /** Whether an open submission (not decided, not withdrawn) is about this app already. */
    boolean openFor(String appKey, String hosting, String kind) {
        return jdbc.sql("select count(*) from submissions where app_key = :app and hosting = :hosting and kind = :kind"
                                + " and state in ('SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED')")
                        .param("app", appKey)
                        .param("hosting", hosting)
                        .param("kind", kind)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether an open submission of a new app claims this key (for any partner). */
    boolean keyClaimed(String appKey) {
        return jdbc.sql("select count(*) from submissions where app_key = :app and kind = 'NEW_APP'"
                                + " and state in ('SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED')")
                        .param("app", appKey)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
