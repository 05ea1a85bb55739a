package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The table of outreach made on enforcement cases (texts checked to 2,000 characters by the caller). */
@Repository
class OutreachRows {
    static final String COLUMNS =
            "id, case_id, channel, reached_at, reference, summary, recorded_by, answer, answered_at";

    private final JdbcClient jdbc;

    OutreachRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long id,
            long caseId,
            String channel,
            OffsetDateTime reachedAt,
            @Nullable String reference,
            String summary,
            String recordedBy,
            @Nullable String answer,
            @Nullable OffsetDateTime answeredAt) {}

    List<Row> ofCases(Collection<Long> caseIds) {
        return jdbc.sql("select " + COLUMNS + " from enforcement_outreach where case_id in (:ids)"
                        + " order by reached_at, id")
                .param("ids", List.copyOf(caseIds))
                .query(RecordRows.of(Row.class))
                .list();
    }

    Row find(long id) {
        return jdbc.sql("select " + COLUMNS + " from enforcement_outreach where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .single();
    }

    long insert(
            long caseId,
            String partner,
            String channel,
            Instant reached,
            @Nullable String reference,
            String summary,
            String by,
            @Nullable String answer,
            @Nullable Instant answered) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into enforcement_outreach (case_id, partner_id, channel, reached_at, reference, summary,"
                        + " recorded_by, answer, answered_at) values (:c, :p, :ch, :at, :ref, :s, :by, :a, :aat)")
                .param("c", caseId)
                .param("p", partner)
                .param("ch", channel)
                .param("at", utc(reached))
                .param("ref", reference)
                .param("s", summary)
                .param("by", by)
                .param("a", answer)
                .param("aat", answered == null ? null : utc(answered))
                .update(key, "id");
        return java.util.Objects.requireNonNull(key.getKey()).longValue();
    }

    void answer(long id, String answer, Instant at) {
        jdbc.sql("update enforcement_outreach set answer = :a, answered_at = :at where id = :id")
                .param("a", answer)
                .param("at", utc(at))
                .param("id", id)
                .update();
    }
}
