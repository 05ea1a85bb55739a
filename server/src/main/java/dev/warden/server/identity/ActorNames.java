package dev.warden.server.identity;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How an actor recorded on a partner's objects is shown to that partner: its own people and clients
 * by their ids, anyone of the operator's as "operator" (a partner never learns the operator's client
 * ids or staff names), and Warden itself as "warden".
 */
@Service
public class ActorNames {
    /** What a partner sees for the operator's people and clients. */
    public static final String OPERATOR = "operator";

    private static final String WARDEN = "warden";

    private final UserRows users;
    private final ApiClientRows clients;

    ActorNames(UserRows users, ApiClientRows clients) {
        this.users = users;
        this.clients = clients;
    }

    /** The name {@code partner} is shown for the actor recorded as {@code actorId}. */
    @Transactional(readOnly = true)
    public String shownTo(PartnerId partner, String actorId) {
        if (actorId.equals(WARDEN)) {
            return actorId;
        }
        boolean own = users.find(actorId).map(u -> partner.equals(u.partner())).orElse(false)
                || clients.find(actorId)
                        .map(c -> partner.equals(c.client().partner()))
                        .orElse(false);
        return own ? actorId : OPERATOR;
    }

    /** A ticket's history as {@code partner} is shown it. */
    @Transactional(readOnly = true)
    public List<TicketEvent> shownTo(PartnerId partner, List<TicketEvent> history) {
        Map<String, String> names = new HashMap<>();
        return history.stream()
                .map(e -> {
                    String shown = names.computeIfAbsent(e.actor(), id -> shownTo(partner, id));
                    return shown.equals(e.actor()) ? e : e.withActor(shown);
                })
                .toList();
    }
}
