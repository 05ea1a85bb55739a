package dev.warden.server.catalog;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The partners a form offers to choose from (a datalist: typing filters it, and any id may still be
 * typed): for the operator's people, every partner in the list's order up to {@link Paging#MAX_SIZE}; none for a
 * partner's, whose forms never ask.
 */
@Component
public class PartnerChoices {
    /** One choice: the value is the id, the label says which partner it is. */
    public record Choice(String id, String label) {}

    private final Partners partners;

    PartnerChoices(Partners partners) {
        this.partners = partners;
    }

    public List<Choice> of(Actor actor) {
        if (actor.isPartner()) {
            return List.of();
        }
        return partners.list(PartnerQuery.ALL, new Paging(0, Paging.MAX_SIZE), actor).items().stream()
                .map(v -> new Choice(
                        v.value().id().value(),
                        v.value().id().value() + " — " + v.value().name()))
                .toList();
    }
}
