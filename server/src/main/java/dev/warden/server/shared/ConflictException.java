package dev.warden.server.shared;

/** The request clashes with what exists, for example creating an id that is taken. */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String what) {
        super(what);
    }
}
