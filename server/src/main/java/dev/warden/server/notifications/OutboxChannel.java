package dev.warden.server.notifications;

/**
 * A channel another feature delivers outbox messages through (Jira, say): its rows share the outbox's
 * claim, retries, delivery log and page with mail and webhooks. A message's text is whatever the
 * channel queued; a channel that pushes current state reads it at delivery time.
 */
public interface OutboxChannel {
    /** The channel whose rows this delivers. */
    Outbox.Channel channel();

    /**
     * Delivers one message; returns the HTTP status the other side answered, if any.
     *
     * @throws NotSent when it was not delivered, saying whether and when to try again
     */
    Integer deliver(Outbox.Parcel parcel) throws NotSent;
}
