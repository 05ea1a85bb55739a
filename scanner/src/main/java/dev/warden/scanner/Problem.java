package dev.warden.scanner;

/**
 * Something the scan met that is worth telling: most often part of the input that could not be read
 * (a corrupt or truncated archive, a limit reached), which makes the scan incomplete; sometimes only a
 * note (a symbolic link not followed, an entry whose name climbs out of its archive, read all the same).
 *
 * @param unread whether some content went unscanned because of it: such a problem makes the scan
 *     incomplete ({@code warden scan --fail-on-incomplete})
 */
public record Problem(ArtifactPath path, String message, boolean unread) {
    /** Content that could not be read. */
    public Problem(ArtifactPath path, String message) {
        this(path, message, true);
    }

    /** A note: nothing went unread because of it. */
    static Problem note(ArtifactPath path, String message) {
        return new Problem(path, message, false);
    }
}
