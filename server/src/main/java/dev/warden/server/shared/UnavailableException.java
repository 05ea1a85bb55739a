package dev.warden.server.shared;

/** What the request needs cannot be reached or read now (a file, a key); answered 503. */
public class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String what) {
        super(what);
    }

    public UnavailableException(String what, Throwable cause) {
        super(what, cause);
    }
}
