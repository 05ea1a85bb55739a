package dev.warden.core.tickets;

/** Where a vulnerability ticket comes from. */
public enum TicketType {
    /** From the partner's bug bounty program; has a triage window before its clock starts. */
    BUG_BOUNTY,
    /** Found by Warden's own scanners (the operator's "EcoScanner" tickets). */
    SCANNER,
    /** Raised by hand by the operator's security team, or disclosed by the partner. */
    SECURITY
}
