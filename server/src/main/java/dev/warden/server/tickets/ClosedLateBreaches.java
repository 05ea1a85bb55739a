package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 36: the breach of every ticket that was closed after its due date without a recorded breach.
 *
 * <p>Before it, the breached_at column was set only by the breach job, which looks at open tickets. A
 * ticket closed late before the job reached it (within its interval, or during the catch-up after a large
 * import), or imported already closed late, kept it empty, and the SLA attainment, the {@code breachedIn}
 * filter and the Cloud Fortified badge counted it as met. The tickets are now written with it
 * ({@link TicketProjection#breachedAt}); this works it out the same way for the tickets already there, from
 * their history as of the migration.
 */
@Component
public final class ClosedLateBreaches implements JavaMigration {
    private static final Logger log = LoggerFactory.getLogger(ClosedLateBreaches.class);
    private static final int BATCH = 500;

    /** Closed tickets with no breach and something in their history after their due date, and that history. */
    private static final String CANDIDATES = """
            select t.ticket_key, t.type, t.app_key, t.hosting, t.title, t.due_at, e.event
            from tickets t join ticket_events e on e.ticket_key = t.ticket_key
            where t.open_due_at is null and t.breached_at is null
              and exists (select 1 from ticket_events l where l.ticket_key = t.ticket_key and l.at > t.due_at)
            order by t.ticket_key, e.seq""";

    ClosedLateBreaches() {}

    /** The migration, for a Flyway configured outside the application (the tests' template database). */
    public static JavaMigration migration() {
        return new ClosedLateBreaches();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("36");
    }

    @Override
    public String getDescription() {
        return "breaches of tickets closed late";
    }

    @Override
    public @Nullable Integer getChecksum() {
        return CANDIDATES.hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        int recorded = record(context.getConnection(), Instant.now());
        if (recorded > 0) {
            log.info("Recorded the breach of {} tickets closed after their due date", recorded);
        }
    }

    /** Sets breached_at for each closed ticket that was open past its due date as of {@code now}. */
    static int record(Connection c, Instant now) throws SQLException {
        int recorded = 0;
        try (PreparedStatement read = c.prepareStatement(CANDIDATES);
                PreparedStatement update =
                        c.prepareStatement("update tickets set breached_at = ? where ticket_key = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery()) {
                @Nullable Candidate current = null;
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (current == null || !current.key.equals(key)) {
                        if (current != null && current.record(update, now)) {
                            recorded++;
                            if (recorded % BATCH == 0) {
                                update.executeBatch();
                            }
                        }
                        current = new Candidate(rs, key);
                    }
                    current.events.add(TicketRows.readEvent(rs.getString(7)));
                }
                if (current != null && current.record(update, now)) {
                    recorded++;
                }
            }
            update.executeBatch();
        }
        return recorded;
    }

    /** One ticket's row and its history as read so far. */
    private static final class Candidate {
        final String key;
        final TicketType type;
        final AppKey app;
        final Hosting hosting;
        final String title;
        final Instant dueAt;
        final List<TicketEvent> events = new ArrayList<>();

        Candidate(ResultSet rs, String key) throws SQLException {
            this.key = key;
            this.type = TicketType.valueOf(rs.getString(2));
            this.app = AppKey.of(rs.getString(3));
            this.hosting = Hosting.valueOf(rs.getString(4));
            this.title = rs.getString(5);
            this.dueAt = rs.getObject(6, OffsetDateTime.class).toInstant();
        }

        /** Adds the ticket's update to the batch if it breached, and says whether it did. */
        boolean record(PreparedStatement update, Instant now) throws SQLException {
            Ticket ticket = new Ticket(TicketKey.of(key), type, app, hosting, title, events);
            Instant breachAt = TicketClock.breachAt(ticket, dueAt, now);
            if (breachAt == null) {
                return false;
            }
            update.setObject(1, Timestamps.utc(breachAt));
            update.setString(2, key);
            update.addBatch();
            return true;
        }
    }
}
