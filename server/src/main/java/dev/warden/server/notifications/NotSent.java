package dev.warden.server.notifications;

import org.jspecify.annotations.Nullable;

/** Why a message could not be delivered: whether trying again later may work, and what the other side said. */
final class NotSent extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean retry;
    final @Nullable Integer status;

    NotSent(String message, boolean retry) {
        this(message, retry, null);
    }

    NotSent(String message, boolean retry, @Nullable Integer status) {
        super(message);
        this.retry = retry;
        this.status = status;
    }
}
