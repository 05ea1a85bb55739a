package dev.warden.server.shared;

/** The caller changed a value based on an older version than the one stored (If-Match failed). */
public final class StaleVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(String what, int expected, int actual) {
        super(what + " is at version " + actual + ", not " + expected + "; fetch it again and reapply your change");
    }
}
