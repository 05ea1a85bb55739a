package dev.warden.server.catalog;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.Tier;
import org.jspecify.annotations.Nullable;

/** Filters for listing partners; null means "any". {@code only} limits the list to one partner. */
public record PartnerQuery(
        @Nullable PartnerId only,
        @Nullable Tier tier,
        @Nullable PartnerStatus status,
        @Nullable String text,
        @Nullable String sort) {
    public static final PartnerQuery ALL = new PartnerQuery(null, null, null, null, null);

    /** The same filters for one partner (or all, with null). */
    PartnerQuery forPartner(@Nullable PartnerId one) {
        return new PartnerQuery(one, tier, status, text, sort);
    }
}
