package dev.warden.server.notifications;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Why a message could not be delivered: whether trying again later may work, what the other side said,
 * and, when it said so (HTTP 429 or 503 with {@code Retry-After}), how long to wait before trying again.
 */
public final class NotSent extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean retry;
    final @Nullable Integer status;
    final @Nullable Duration retryAfter;

    public NotSent(String message, boolean retry) {
        this(message, retry, null);
    }

    public NotSent(String message, boolean retry, @Nullable Integer status) {
        this(message, retry, status, null);
    }

    public NotSent(String message, boolean retry, @Nullable Integer status, @Nullable Duration retryAfter) {
        super(message);
        this.retry = retry;
        this.status = status;
        this.retryAfter = retryAfter;
    }
}
