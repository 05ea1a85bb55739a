package dev.warden.server.api;

/** A request body over the endpoint's limit; it is refused before it is parsed. */
final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
        super(RequestSizeLimit.tooLarge(limit));
    }
}
