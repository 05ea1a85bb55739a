package dev.warden.server.shared;

/** The actor is known but may not do this. Never used to hide another partner's data (that is a 404). */
public final class ForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String what) {
        super(what);
    }
}
