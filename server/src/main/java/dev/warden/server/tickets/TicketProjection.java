package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketState;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** The tickets table's columns that are worked out from a ticket's state rather than taken from it. */
final class TicketProjection {
    private TicketProjection() {}

    /** The due date while the ticket is open, null once it is closed (the open_due_at column). */
    static @Nullable OffsetDateTime openDueAt(TicketState state) {
        return state.status().closed() ? null : utc(state.dueAt());
    }

    /**
     * When the ticket breached its due date (the breached_at column), or null while it has not.
     *
     * <ul>
     *   <li>A recorded breach (its {@link TicketEvent.Breached}) gives the due date it passed.
     *   <li>A closed ticket with none gives the first instant it was open past its due date, if there was
     *       one: a ticket closed late before the breach job reached it (the job records only open tickets),
     *       or imported already closed late. Without this the SLA attainment, the {@code breachedIn}
     *       filter and the Cloud Fortified badge would count it as met, while the evaluation counts it as
     *       missed.
     *   <li>An open ticket with none is left to the breach job, which claims it by this column being null
     *       and records the breach and its notices.
     * </ul>
     */
    static @Nullable OffsetDateTime breachedAt(Ticket ticket, TicketState state) {
        for (TicketEvent event : ticket.events()) {
            if (event instanceof TicketEvent.Breached breached) {
                return utc(breached.dueAt());
            }
        }
        Instant breachAt = state.breachAt();
        return state.status().closed() && breachAt != null ? utc(breachAt) : null;
    }
}
