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

    /** Whether the ticket is done with: fixed and verified, a duplicate, or not applicable. */
    public boolean closed() {
        return this == PATCHED || this == DUPLICATE || this == NOT_APPLICABLE;
    }
}
