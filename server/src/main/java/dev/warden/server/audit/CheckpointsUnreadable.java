package dev.warden.server.audit;

import dev.warden.server.shared.UnavailableException;

/** The checkpoints, or the key that checks them, cannot be read: the trail cannot be verified now. */
public class CheckpointsUnreadable extends UnavailableException {
    private static final long serialVersionUID = 1L;

    CheckpointsUnreadable(String message) {
        super(message);
    }

    CheckpointsUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
