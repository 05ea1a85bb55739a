package dev.warden.server.jira;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Jira did not do what was asked: its HTTP status (0 when it never answered), whether trying again may
 * work, and how long it asked us to wait (429 and 503 with {@code Retry-After}).
 */
final class JiraException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final boolean retryable;
    final @Nullable Duration retryAfter;

    JiraException(String message, int status, boolean retryable, @Nullable Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }
}
