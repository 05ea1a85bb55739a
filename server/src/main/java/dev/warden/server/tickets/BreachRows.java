package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.tickets.TicketKey;
import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The breach job's reads and claims in SQL ({@link BreachRecorder}). */
@Repository
class BreachRows {
    /**
     * The open tickets past due whose breach is not recorded: one range of {@code
     * tickets_unrecorded_breaches} (migration 40). Without the lower bound H2 steps over the closed
     * tickets in that range too (their {@code open_due_at} is null: 450,000 of them at a million tickets);
     * ordering by {@code breached_at} too (null in every row read) shows PostgreSQL's planner that this
     * index gives the order, where it would read the open due dates' index and filter.
     */
    static final String UNRECORDED = " where breached_at is null and open_due_at < :now and open_due_at >= :floor"
            + " order by breached_at, open_due_at limit ";

    private static final Instant FLOOR = Instant.parse("0001-01-01T00:00:00Z");

    private final JdbcClient jdbc;

    BreachRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open tickets past their due date whose breach is not yet recorded, oldest due date first. */
    List<TicketRows.Row> unrecorded(Instant now, int limit) {
        return jdbc.sql("select " + TicketRows.COLUMNS + " from tickets" + UNRECORDED + limit)
                .param("now", utc(now))
                .param("floor", utc(FLOOR))
                .query(RecordRows.of(TicketRows.Row.class))
                .list();
    }

    /** Claims the breach of one ticket; only one caller, on any node, ever gets true. */
    boolean claim(TicketKey key, Instant dueAt) {
        return jdbc.sql("update tickets set breached_at = :due, version = version + 1"
                                + " where ticket_key = :key and breached_at is null")
                        .param("key", key.value())
                        .param("due", utc(dueAt))
                        .update()
                == 1;
    }
}
