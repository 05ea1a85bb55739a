package dev.warden.core.tickets;

/** The statuses of the operator's tracker. */
public enum TicketStatus {
    NEEDS_TRIAGE,
    NEEDS_SECURITY_REVIEW,
    NEEDS_PATCH,
    EXTENSION_REQUESTED,
    WAITING_FOR_RELEASE,
    PATCHED,
    DUPLICATE,
    NOT_APPLICABLE;

    /** The statuses of tickets done with, for queries that filter on them. */
    public static java.util.Set<TicketStatus> closedStatuses() {
        java.util.EnumSet<TicketStatus> closed = java.util.EnumSet.noneOf(TicketStatus.class);
        for (TicketStatus s : values()) {
            if (s.closed()) {
                closed.add(s);
            }
        }
        return closed;
    }

    /** Whether the ticket is done with: fixed and verified, a duplicate, or not applicable. */
    public boolean closed() {
        return this == PATCHED || this == DUPLICATE || this == NOT_APPLICABLE;
    }
}
