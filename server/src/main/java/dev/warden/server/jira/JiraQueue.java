package dev.warden.server.jira;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketKey;
import dev.warden.server.notifications.Outbox;
import dev.warden.server.tickets.TicketChanged;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues a push to Jira in the transaction of every ticket change (so the push exists exactly when the
 * change does, and waits out an outage or a rate limit in the outbox), and the pushes that undo a
 * change made in Jira to what Warden owns.
 */
@Component
class JiraQueue {
    private final JiraConnections connections;
    private final Tickets tickets;
    private final Outbox outbox;
    private final Clock clock;

    JiraQueue(JiraConnections connections, Tickets tickets, Outbox outbox, Clock clock) {
        this.connections = connections;
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void ticketChanged(TicketChanged changed) {
        if (!connections.enabled()) {
            return;
        }
        int events = tickets.find(changed.key()).map(t -> t.events().size()).orElse(0);
        push(
                changed.key(),
                changed.partner(),
                JiraPush.SYNC,
                "jira:" + changed.key().value() + ":" + events,
                "");
    }

    /** Queues a push that sets Jira back to Warden's values, with a comment saying why. */
    @Transactional
    void revert(TicketKey ticket, PartnerId partner, String delivery, String why) {
        push(ticket, partner, JiraPush.REVERT, "jira-revert:" + ticket.value() + ":" + delivery, why);
    }

    /** Queues a plain push of the ticket's current state (a catch-up after connecting, say). */
    @Transactional
    void sync(TicketKey ticket, PartnerId partner) {
        push(ticket, partner, JiraPush.SYNC, "jira-sync:" + ticket.value() + ":" + clock.millis(), "");
    }

    private void push(TicketKey ticket, PartnerId partner, String event, String key, String text) {
        outbox.enqueue(new Outbox.Message(
                key,
                Outbox.Channel.JIRA,
                event,
                partner.value(),
                List.of("jira:" + ticket.value()),
                "Push " + ticket.value() + " to Jira",
                text,
                null,
                null));
    }
}
