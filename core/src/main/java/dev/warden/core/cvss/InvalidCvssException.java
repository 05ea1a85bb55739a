package dev.warden.core.cvss;

/** A CVSS vector that cannot be read; the message names the metric at fault. */
public final class InvalidCvssException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCvssException(String message) {
        super(message);
    }
}
