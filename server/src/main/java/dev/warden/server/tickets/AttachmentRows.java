package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The table of tickets' attachments; their bytes are in the {@link AttachmentStore}. */
@Repository
class AttachmentRows {
    private static final String COLUMNS = "id, ticket_key, name, media_type, size_bytes, sha256, scan_notes,"
            + " scanned_fully, added_at, added_by, added_by_id";

    private final JdbcClient jdbc;

    AttachmentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long id,
            String ticketKey,
            String name,
            String mediaType,
            long sizeBytes,
            String sha256,
            @Nullable String scanNotes,
            boolean scannedFully,
            OffsetDateTime addedAt,
            String addedBy,
            String addedById) {}

    List<Row> of(String key) {
        return jdbc.sql("select " + COLUMNS + " from ticket_attachments where ticket_key = :key order by id")
                .param("key", key)
                .query(RecordRows.of(Row.class))
                .list();
    }

    Optional<Row> find(String key, long id) {
        return jdbc.sql("select " + COLUMNS + " from ticket_attachments where ticket_key = :key and id = :id")
                .param("key", key)
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    int count(String key) {
        return jdbc.sql("select count(*) from ticket_attachments where ticket_key = :key")
                .param("key", key)
                .query(Integer.class)
                .single();
    }

    /** Whether any attachment, of any ticket, has these bytes. */
    boolean referenced(String sha256) {
        return jdbc.sql("select count(*) from ticket_attachments where sha256 = :sha")
                        .param("sha", sha256)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    long insert(
            String key,
            String name,
            String mediaType,
            long size,
            String sha256,
            @Nullable String notes,
            boolean scannedFully,
            Instant at,
            String by,
            String byId) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("key", key);
        params.put("name", name);
        params.put("type", mediaType);
        params.put("size", size);
        params.put("sha", sha256);
        params.put("notes", notes);
        params.put("full", scannedFully);
        params.put("at", utc(at));
        params.put("by", by);
        params.put("byId", byId);
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("insert into ticket_attachments (ticket_key, name, media_type, size_bytes, sha256, scan_notes,"
                        + " scanned_fully, added_at, added_by, added_by_id) values (:key, :name, :type, :size, :sha,"
                        + " :notes, :full, :at, :by, :byId)")
                .params(params)
                .update(id, "id");
        return java.util.Objects.requireNonNull(id.getKey()).longValue();
    }

    void delete(long id) {
        jdbc.sql("delete from ticket_attachments where id = :id")
                .param("id", id)
                .update();
    }
}
