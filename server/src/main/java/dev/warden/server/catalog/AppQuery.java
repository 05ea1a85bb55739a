package dev.warden.server.catalog;

import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import org.jspecify.annotations.Nullable;

/**
 * Filters for listing apps; null means "any". {@code hosting}, {@code state} and {@code paid} must
 * hold for one and the same listing of the app.
 */
public record AppQuery(
        @Nullable PartnerId partner,
        @Nullable Hosting hosting,
        @Nullable ListingState state,
        @Nullable Boolean paid,
        @Nullable Badge badge,
        @Nullable String text,
        @Nullable String sort) {
    public static final AppQuery ALL = new AppQuery(null, null, null, null, null, null, null);

    /** The same filters for one partner (or all, with null). */
    AppQuery forPartner(@Nullable PartnerId only) {
        return new AppQuery(only, hosting, state, paid, badge, text, sort);
    }
}
