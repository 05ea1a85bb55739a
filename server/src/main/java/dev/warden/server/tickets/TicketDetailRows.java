package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.tickets.Ticket;
import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of tickets' details: description, CWE, affected versions. */
@Repository
class TicketDetailRows {
    private final JdbcClient jdbc;

    TicketDetailRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            @Nullable String description,
            @Nullable String cwe,
            @Nullable String affectedVersions,
            OffsetDateTime updatedAt,
            String updatedBy) {
        Ticket.Details details() {
            return new Ticket.Details(description, cwe, affectedVersions);
        }
    }

    Optional<Row> find(String key) {
        return jdbc.sql("select description, cwe, affected_versions, updated_at, updated_by from ticket_details"
                        + " where ticket_key = :key")
                .param("key", key)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** A ticket's details as the snapshot format carries them. */
    Optional<Ticket.Details> details(String key) {
        return find(key).map(Row::details);
    }

    /** Every ticket's details, by ticket key: what an export adds to its tickets. */
    Map<String, Ticket.Details> all() {
        Map<String, Ticket.Details> all = new HashMap<>();
        jdbc.sql("select ticket_key, description, cwe, affected_versions from ticket_details")
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    all.put(rs.getString(1), new Ticket.Details(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return all;
    }

    void save(
            String key,
            @Nullable String description,
            @Nullable String cwe,
            @Nullable String versions,
            String by,
            Instant now) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("key", key);
        params.put("d", description);
        params.put("cwe", cwe);
        params.put("v", versions);
        params.put("now", utc(now));
        params.put("by", by);
        int changed = jdbc.sql("update ticket_details set description = :d, cwe = :cwe, affected_versions = :v,"
                        + " updated_at = :now, updated_by = :by where ticket_key = :key")
                .params(params)
                .update();
        if (changed == 0) {
            jdbc.sql("insert into ticket_details (ticket_key, description, cwe, affected_versions, updated_at,"
                            + " updated_by) values (:key, :d, :cwe, :v, :now, :by)")
                    .params(params)
                    .update();
        }
    }
}
