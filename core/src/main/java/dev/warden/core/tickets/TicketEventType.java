package dev.warden.core.tickets;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ticket's state machine, in one place: every kind of event, its name in the snapshot format and
 * the API, and the statuses it may happen in with the status it leads to. The API refuses, the pages
 * offer, and imports check by this table alone.
 */
public enum TicketEventType {
    /** The first event of every ticket, and only that. */
    REPORTED("reporting it again", (type, s) -> null),
    TRIAGED("triage", (type, s) -> s == TicketStatus.NEEDS_TRIAGE ? TicketStatus.NEEDS_PATCH : null),
    SEVERITY_CHANGED("a severity change", (type, s) -> s.closed() ? null : s),
    EXTENSION_REQUESTED(
            "an extension request",
            (type, s) -> s == TicketStatus.NEEDS_PATCH ? TicketStatus.EXTENSION_REQUESTED : null),
    EXTENSION_APPROVED(
            "approving an extension",
            (type, s) -> s == TicketStatus.EXTENSION_REQUESTED ? TicketStatus.NEEDS_PATCH : null),
    EXTENSION_DENIED(
            "denying an extension",
            (type, s) -> s == TicketStatus.EXTENSION_REQUESTED ? TicketStatus.NEEDS_PATCH : null),
    WAITING_FOR_RELEASE(
            "marking it waiting for release",
            (type, s) -> s == TicketStatus.NEEDS_PATCH ? TicketStatus.WAITING_FOR_RELEASE : null),
    RELEASED(
            "marking the fix released",
            (type, s) -> s == TicketStatus.NEEDS_PATCH || s == TicketStatus.WAITING_FOR_RELEASE
                    ? TicketStatus.NEEDS_SECURITY_REVIEW
                    : null),
    /** The operator may verify a fix from any open status: its own scan may see the fix first. */
    VERIFIED_PATCHED("verifying the fix", (type, s) -> s.closed() ? null : TicketStatus.PATCHED),
    MARKED_DUPLICATE("marking it a duplicate", (type, s) -> s.closed() ? null : TicketStatus.DUPLICATE),
    MARKED_NOT_APPLICABLE("marking it not applicable", (type, s) -> s.closed() ? null : TicketStatus.NOT_APPLICABLE),
    REOPENED("reopening", (type, s) -> s.closed() ? TicketStatus.NEEDS_PATCH : null),
    /** Warden noticed the due date pass; recorded in any status, it moves nothing. */
    BREACHED("recording a breach", (type, s) -> s),
    /** A comment, in any status (a closed ticket can still be talked about); it moves nothing. */
    COMMENTED("commenting", (type, s) -> s),
    /** The partner acknowledged the ticket assigned to it; on an open ticket, and it moves nothing. */
    ACKNOWLEDGED("acknowledging it", (type, s) -> s.closed() ? null : s);

    /** The next status, or null when the event cannot happen in the current one. */
    private interface Transition {
        @Nullable
        TicketStatus next(TicketType type, TicketStatus current);
    }

    private final String doing;
    private final Transition transition;

    TicketEventType(String doing, Transition transition) {
        this.doing = doing;
        this.transition = transition;
    }

    /** The status a new ticket of this type starts in. */
    public static TicketStatus initialStatus(TicketType type) {
        return type == TicketType.BUG_BOUNTY ? TicketStatus.NEEDS_TRIAGE : TicketStatus.NEEDS_PATCH;
    }

    /** The status after this event in {@code current}, or empty when it cannot happen there. */
    public Optional<TicketStatus> next(TicketType type, TicketStatus current) {
        return Optional.ofNullable(transition.next(type, current));
    }

    /** Whether this event can happen to a ticket of this type in this status. */
    public boolean possible(TicketType type, TicketStatus current) {
        return transition.next(type, current) != null;
    }

    /** The status after this event, refusing with an explanation when it cannot happen in {@code current}. */
    public TicketStatus apply(TicketType type, TicketStatus current) {
        TicketStatus next = transition.next(type, current);
        if (next == null) {
            throw new IllegalTransitionException(
                    this == REPORTED
                            ? "a ticket is reported once, as its first event"
                            : doing + " is not possible while the ticket is " + current);
        }
        return next;
    }

    /** The event type of this name, if there is one. */
    public static Optional<TicketEventType> named(String name) {
        for (TicketEventType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
