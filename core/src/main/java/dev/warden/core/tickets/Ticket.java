package dev.warden.core.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vulnerability ticket: against one hosting listing of an app, with its whole history. The history
 * starts with the report, is in time order, and every event is possible in the status before it. Its
 * details (description, weakness, affected versions) say more about it and are never read by its clock.
 */
public record Ticket(
        TicketKey key,
        TicketType type,
        AppKey app,
        Hosting hosting,
        String title,
        List<TicketEvent> events,
        @Nullable Details details) {
    public static final int MAX_DESCRIPTION = 20_000;
    public static final int MAX_VERSIONS = 500;

    /**
     * What a ticket says beyond its title, each part optional: the description in Markdown (what is
     * wrong, how to reproduce it), the weakness as a CWE id ({@code CWE-79}), the versions affected.
     */
    public record Details(
            @Nullable String description,
            @Nullable String cwe,
            @Nullable String affectedVersions) {
        public Details {
            if (description != null && (description.isBlank() || description.length() > MAX_DESCRIPTION)) {
                throw new IllegalArgumentException(
                        "a ticket's description has 1 to " + MAX_DESCRIPTION + " characters");
            }
            if (cwe != null && !cwe.matches("CWE-[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("a weakness is a CWE id such as CWE-79, not '" + cwe + "'");
            }
            if (affectedVersions != null && (affectedVersions.isBlank() || affectedVersions.length() > MAX_VERSIONS)) {
                throw new IllegalArgumentException("affected versions have 1 to " + MAX_VERSIONS + " characters");
            }
        }

        boolean isEmpty() {
            return description == null && cwe == null && affectedVersions == null;
        }
    }

    /** A ticket without details. */
    public Ticket(TicketKey key, TicketType type, AppKey app, Hosting hosting, String title, List<TicketEvent> events) {
        this(key, type, app, hosting, title, events, null);
    }

    public Ticket {
        if (details != null && details.isEmpty()) {
            details = null;
        }
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
        return new Ticket(key, type, app, hosting, title, more, details);
    }

    /** The same ticket with these details (none: without). */
    public Ticket withDetails(@Nullable Details more) {
        return new Ticket(key, type, app, hosting, title, events, more);
    }
}
