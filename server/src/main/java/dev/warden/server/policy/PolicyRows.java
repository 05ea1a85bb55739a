package dev.warden.server.policy;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of policy versions operators wrote: drafts and published ones (built-in ones are files). */
@Repository
class PolicyRows {
    private static final String COLUMNS =
            "id, status, document, created_by, created_at, published_by, published_at, version";

    private final JdbcClient jdbc;

    PolicyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            String id,
            String status,
            String document,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable String publishedBy,
            @Nullable OffsetDateTime publishedAt,
            int version) {}

    /** Changes whenever a version is published, on any node: how the cache of versions in force knows. */
    String publishedStamp() {
        return jdbc.sql("""
                        select count(*) || '/' || coalesce(max(id), '')
                        from policy_versions where status = 'PUBLISHED'""").query(String.class).single();
    }

    Optional<Row> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from policy_versions where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** The versions of one status, oldest first. */
    List<Row> withStatus(String status) {
        return jdbc.sql("select " + COLUMNS
                        + " from policy_versions where status = :status order by effective_from, id")
                .param("status", status)
                .query(RecordRows.of(Row.class))
                .list();
    }

    void insertDraft(String id, LocalDate from, String document, String by, Instant at) {
        jdbc.sql("""
                        insert into policy_versions (id, status, effective_from, document, created_by, created_at, version)
                        values (:id, 'DRAFT', :from, :doc, :by, :at, 1)""")
                .param("id", id)
                .param("from", from)
                .param("doc", document)
                .param("by", by)
                .param("at", utc(at))
                .update();
    }

    void replaceDraft(String id, LocalDate from, String document) {
        jdbc.sql("""
                        update policy_versions set document = :doc, effective_from = :from, version = version + 1
                        where id = :id and status = 'DRAFT'""").param("id", id).param("doc", document).param("from", from).update();
    }

    void deleteDraft(String id) {
        jdbc.sql("delete from policy_versions where id = :id and status = 'DRAFT'")
                .param("id", id)
                .update();
    }

    /** Publishes a draft; false when it is no longer a draft. */
    boolean publish(String id, String by, Instant at) {
        return jdbc.sql("""
                        update policy_versions set status = 'PUBLISHED', published_by = :by, published_at = :at,
                        version = version + 1 where id = :id and status = 'DRAFT'""")
                        .param("id", id)
                        .param("by", by)
                        .param("at", utc(at))
                        .update()
                == 1;
    }
}
