package dev.warden.core.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import java.util.List;

/**
 * A vulnerability ticket: against one hosting listing of an app, with its whole history. The history
 * starts with the report, is in time order, and every event is possible in the status before it.
 */
public record Ticket(
        TicketKey key, TicketType type, AppKey app, Hosting hosting, String title, List<TicketEvent> events) {

    public Ticket {
        if (title.isBlank() || title.length() > 300) {
            throw new IllegalArgumentException("a ticket has a title of 1 to 300 characters");
        }
        if (events.isEmpty() || !(events.get(0) instanceof TicketEvent.Reported)) {
            throw new IllegalArgumentException("a ticket's history starts with REPORTED");
        }
        events = List.copyOf(events);
        TicketStatus status = TicketEventType.initialStatus(type);
        for (int i = 1; i < events.size(); i++) {
            TicketEvent event = events.get(i);
            if (event.at().isBefore(events.get(i - 1).at())) {
                throw new IllegalArgumentException(
                        "event " + i + " (" + event.name() + ") is earlier than the one before it");
            }
            try {
                status = event.apply(type, status);
            } catch (IllegalTransitionException e) {
                throw new IllegalTransitionException("event " + i + ": " + e.getMessage());
            }
        }
    }

    public TicketEvent.Reported reported() {
        return (TicketEvent.Reported) events.get(0);
    }

    /** The same ticket with one more event, checked against the current status. */
    public Ticket with(TicketEvent event) {
        List<TicketEvent> more = new java.util.ArrayList<>(events);
        more.add(event);
        return new Ticket(key, type, app, hosting, title, more);
    }
}
