package dev.warden.server.snapshot;

import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.time.Instants;
import dev.warden.core.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An imported ticket's events must have happened: none may be dated after the import (give or take
 * {@link #SKEW} between the clocks of the system exported from and this one). A ticket's stored state
 * (status, due date, breach) is what all of its events make of it, while the compliance evaluation
 * judges each ticket as of its own moment; an event dated in the future would make the two disagree
 * until that date.
 */
final class FutureEvents {
    static final Duration SKEW = Duration.ofMinutes(5);

    private FutureEvents() {}

    /** Adds an error for each event of ticket {@code i} dated after {@code now} plus {@link #SKEW}. */
    static void check(int i, Ticket ticket, Instant now, List<FieldError> errors) {
        Instant latest = now.plus(SKEW);
        List<TicketEvent> events = ticket.events();
        for (int e = 0; e < events.size(); e++) {
            if (events.get(e).at().isAfter(latest)) {
                errors.add(new FieldError(
                        "/tickets/" + i + "/events/" + e + "/at",
                        "is after the import (" + Instants.format(now) + "): an event records what happened"));
            }
        }
    }
}
