package dev.warden.core.tickets;

/** An event that cannot happen in the ticket's current status. */
public final class IllegalTransitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String message) {
        super(message);
    }
}
