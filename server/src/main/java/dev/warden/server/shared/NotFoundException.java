package dev.warden.server.shared;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what);
    }
}
