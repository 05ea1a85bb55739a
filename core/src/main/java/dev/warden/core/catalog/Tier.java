package dev.warden.core.catalog;

/** Marketplace Partner Program tier; it decides which apps need a bug bounty program. */
public enum Tier {
    NONE,
    SILVER,
    GOLD,
    PLATINUM
}
