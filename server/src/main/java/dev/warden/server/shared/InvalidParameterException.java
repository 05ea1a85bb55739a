package dev.warden.server.shared;

/** A query parameter with a value the endpoint cannot use. */
public final class InvalidParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
