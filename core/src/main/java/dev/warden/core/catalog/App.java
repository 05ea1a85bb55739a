package dev.warden.core.catalog;

import static java.util.Objects.requireNonNullElse;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An app on the marketplace: one listing per hosting type, its badges and its OAuth clients. */
public record App(
        AppKey key,
        String name,
        PartnerId partner,
        @Nullable LocalDate firstListedOn,
        Set<Badge> badges,
        List<Listing> listings,
        List<OAuthClient> oauthClients) {

    public App(
            AppKey key,
            String name,
            PartnerId partner,
            @Nullable LocalDate firstListedOn,
            @Nullable Set<Badge> badges,
            List<Listing> listings,
            @Nullable List<OAuthClient> oauthClients) {
        this.key = key;
        this.name = Text.require(name, "name");
        this.partner = partner;
        this.firstListedOn = firstListedOn;
        // An EnumSet keeps badges in one order, so documents written from an app are stable.
        this.badges =
                badges == null || badges.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(badges));
        if (listings.isEmpty()) {
            throw new IllegalArgumentException("an app has at least one listing");
        }
        if (listings.stream().map(Listing::hosting).distinct().count() != listings.size()) {
            throw new IllegalArgumentException("an app has at most one listing per hosting type");
        }
        this.listings = List.copyOf(listings);
        this.oauthClients = List.copyOf(requireNonNullElse(oauthClients, List.of()));
    }

    /** This app with other badges. */
    public App withBadges(Set<Badge> newBadges) {
        return new App(key, name, partner, firstListedOn, newBadges, listings, oauthClients);
    }

    /** This app with other listings. */
    public App withListings(List<Listing> newListings) {
        return new App(key, name, partner, firstListedOn, badges, newListings, oauthClients);
    }

    public Optional<Listing> listing(Hosting hosting) {
        return listings.stream().filter(l -> l.hosting() == hosting).findFirst();
    }

    public boolean hasBadge(Badge badge) {
        return badges.contains(badge);
    }
}
