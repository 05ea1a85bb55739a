package dev.warden.core.catalog;

/** The visibility of one listing: enforcement hides or pauses listings and restores them. */
public enum ListingState {
    /** Visible in search and browse. */
    LISTED,
    /** Out of search and browse; existing installs keep working. */
    HIDDEN,
    /** No longer operational for customers. */
    PAUSED,
    /** Withdrawn from the marketplace. */
    REMOVED
}
