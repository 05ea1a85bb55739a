package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Many tickets at once, for imports: which exist, and new ones inserted in JDBC batches. */
@Repository
class TicketBatchRows {
    private final NamedParameterJdbcTemplate jdbc;

    TicketBatchRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A ticket to insert with what was computed for it. */
    record NewTicket(Ticket ticket, PartnerId partner, TicketState state, List<String> assignees) {}

    /** The keys of every ticket, read in one pass. */
    ImportedKeys keys() {
        ImportedKeys keys = new ImportedKeys();
        jdbc.query("select project, number from tickets", rs -> {
            keys.add(rs.getString(1), rs.getLong(2));
        });
        return keys;
    }

    /** Inserts the tickets and their events, two batched statements in all. */
    void insert(List<NewTicket> tickets, Instant now) {
        List<MapSqlParameterSource> rows = new ArrayList<>(tickets.size());
        List<MapSqlParameterSource> events = new ArrayList<>();
        for (NewTicket t : tickets) {
            String key = t.ticket().key().value();
            int dash = key.lastIndexOf('-');
            TicketState state = t.state();
            rows.add(new MapSqlParameterSource()
                    .addValue("key", key)
                    .addValue("project", key.substring(0, dash))
                    .addValue("number", Long.parseLong(key.substring(dash + 1)))
                    .addValue("type", t.ticket().type().name())
                    .addValue("partner", t.partner().value())
                    .addValue("app", t.ticket().app().value())
                    .addValue("hosting", t.ticket().hosting().name())
                    .addValue("title", t.ticket().title())
                    .addValue("status", state.status().name())
                    .addValue("severity", state.severity().name())
                    .addValue("score", state.score())
                    .addValue("policy", state.policyVersion())
                    .addValue("reported", utc(state.reportedAt()))
                    .addValue("start", utc(state.clockStartAt()))
                    .addValue("due", utc(state.dueAt()))
                    .addValue("openDue", TicketProjection.openDueAt(state))
                    .addValue("triageDue", state.triageDueAt() == null ? null : utc(state.triageDueAt()))
                    .addValue("breached", TicketProjection.breachedAt(t.ticket(), state))
                    .addValue("assignees", String.join(",", t.assignees()))
                    .addValue("now", utc(now)));
            List<TicketEvent> history = t.ticket().events();
            for (int i = 0; i < history.size(); i++) {
                events.add(new MapSqlParameterSource()
                        .addValue("key", key)
                        .addValue("seq", i)
                        .addValue("at", utc(history.get(i).at()))
                        .addValue("event", TicketRows.EVENT_WRITER.writeValueAsString(history.get(i))));
            }
        }
        jdbc.batchUpdate(
                "insert into tickets (ticket_key, project, number, type, partner_id, app_key, hosting, title, status,"
                        + " severity, score, policy_version, reported_at, clock_start_at, due_at, open_due_at,"
                        + " triage_due_at, breached_at, assignees, version, updated_at) values (:key, :project, :number, :type,"
                        + " :partner, :app, :hosting, :title, :status, :severity, :score, :policy, :reported, :start,"
                        + " :due, :openDue, :triageDue, :breached, :assignees, 1, :now)",
                rows.toArray(MapSqlParameterSource[]::new));
        jdbc.batchUpdate(
                "insert into ticket_events (ticket_key, seq, at, event) values (:key, :seq, :at, :event)",
                events.toArray(MapSqlParameterSource[]::new));
    }
}
