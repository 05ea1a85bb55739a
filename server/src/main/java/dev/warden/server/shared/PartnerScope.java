package dev.warden.server.shared;

import dev.warden.core.catalog.PartnerId;
import org.jspecify.annotations.Nullable;

/**
 * Which partner's data a list may hold, derived from the actor in one place: a partner's actor sees
 * only its own, whatever it asks for (asking for another partner gives an empty list, as for a partner
 * with nothing); the operator's staff see the partner they filter on, or all.
 *
 * @param only the one partner the list is limited to, or null for all partners
 * @param none true when nothing can be shown (a partner's actor asked for another partner)
 */
public record PartnerScope(@Nullable PartnerId only, boolean none) {

    /** The scope of a list that {@code actor} asked to filter on {@code filter} (null: no filter). */
    public static PartnerScope of(@Nullable PartnerId filter, Actor actor) {
        PartnerId own = actor.partner();
        if (own == null) {
            return new PartnerScope(filter, false);
        }
        return new PartnerScope(own, filter != null && !filter.equals(own));
    }

    /** The scope's partner id as text for an SQL parameter, or null for all partners. */
    public @Nullable String value() {
        return only == null ? null : only.value();
    }
}
