package dev.warden.core.catalog;

/** An app's listing for one hosting type, with its own state, price and installs. */
public record Listing(Hosting hosting, ListingState state, boolean paid, long installs) {
    public Listing {
        if (installs < 0) {
            throw new IllegalArgumentException("installs must not be negative");
        }
    }

    public Listing withState(ListingState newState) {
        return new Listing(hosting, newState, paid, installs);
    }
}
